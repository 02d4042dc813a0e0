package io.kilowatch.billing.adapter.in.web;

import io.kilowatch.billing.application.AccountService;
import io.kilowatch.billing.application.OpenedAccount;
import io.kilowatch.billing.application.port.in.OpenAccountCommand;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.NotFoundException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.net.URI;

/** Accounts: opened by admins and support; read by them, and by each customer for themselves. */
@Controller("/api/v1/accounts")
class AccountController {
  private final AccountService accounts;

  AccountController(AccountService accounts) {
    this.accounts = accounts;
  }

  /** 201 with the new account; 200 with the account when it already exists with the same data. */
  @Post
  @Secured({Roles.ADMIN, Roles.SUPPORT})
  HttpResponse<AccountView> open(@Body OpenAccountRequest body) {
    OpenedAccount opened =
        accounts.open(
            new OpenAccountCommand(
                body.customerId(),
                body.name(),
                body.region(),
                body.timeZone(),
                body.meters(),
                body.supplyStart()));
    AccountView view = AccountView.of(opened.account());
    return opened.created()
        ? HttpResponse.created(view, URI.create("/api/v1/accounts/" + view.customerId()))
        : HttpResponse.ok(view);
  }

  /** A customer asking for another customer's account gets 404, as if it did not exist. */
  @Get("/{customerId}")
  @Secured({Roles.ADMIN, Roles.SUPPORT, Roles.CUSTOMER})
  AccountView get(String customerId, Authentication caller) {
    boolean staff =
        caller.getRoles().contains(Roles.ADMIN) || caller.getRoles().contains(Roles.SUPPORT);
    if (!staff && !customerId.equals(caller.getName())) {
      throw new NotFoundException("account");
    }
    return accounts
        .find(customerId)
        .map(AccountView::of)
        .orElseThrow(() -> new NotFoundException("account"));
  }
}
