package vn.kyso.account.service;

import vn.kyso.account.model.IdType;

/** A validated, normalised account application, ready to persist. */
public record NewAccount(IdType idType, String identifier, String fullName, String email, String phone,
        String province, String locality) {
}
