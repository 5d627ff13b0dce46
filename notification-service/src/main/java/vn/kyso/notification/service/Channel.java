package vn.kyso.notification.service;

/** The ways a notice reaches a subscriber; SMS would be one more constant and one {@link NoticeChannel} bean. */
public enum Channel {
    PUSH,
    MAIL
}
