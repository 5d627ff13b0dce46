package vn.kyso.notification.service;

import vn.kyso.commons.problem.ErrorCode;

/** notification-service's error vocabulary. */
public enum NotificationError implements ErrorCode {
    VALIDATION_FAILED(400, "One or more fields are invalid"),
    PUSH_NOT_CONFIGURED(404, "Push notifications are not enabled on this server; notices come by mail"),
    SUBSCRIPTION_NOT_FOUND(404, "No such push subscription of yours");

    private final int status;
    private final String title;

    NotificationError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
