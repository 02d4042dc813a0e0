package io.kilowatch.billing.application;

import io.kilowatch.billing.domain.Account;

/**
 * The outcome of opening an account.
 *
 * @param account the account as stored
 * @param created true when this call created it; false when it already existed with the same data
 */
public record OpenedAccount(Account account, boolean created) {}
