package vn.kyso.ca.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import vn.kyso.ca.model.AccountRecord;

/** The account read model. */
@ApplicationScoped
@WithSession
public class AccountRecordRepository implements PanacheRepositoryBase<AccountRecord, UUID> {
}
