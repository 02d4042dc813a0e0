package io.kilowatch.consent.adapter.in.web;

import io.kilowatch.consent.application.DataExport;
import io.kilowatch.consent.application.DataSubjectService;
import io.kilowatch.consent.domain.ErasureReceipt;
import io.kilowatch.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.net.URI;

/** Compliance officers' data-subject requests: export (Art. 15/20) and erasure (Art. 17). */
@Controller("/api/v1/data-subjects/{customerId}")
class DataSubjectController {
  static final String ZIP = "application/zip";

  private final DataSubjectService requests;

  DataSubjectController(DataSubjectService requests) {
    this.requests = requests;
  }

  /** 200 with the ZIP archive; the reason is required (body or header). */
  @Post(uri = "/export", produces = ZIP)
  @Secured(Roles.COMPLIANCE)
  HttpResponse<byte[]> export(
      String customerId,
      @Nullable @Body ReasonRequest body,
      @Nullable @Header(Callers.REASON_HEADER) String reasonHeader,
      Authentication caller) {
    DataExport export =
        requests.export(
            customerId,
            caller.getName(),
            Roles.COMPLIANCE,
            Callers.reason(body == null ? null : body.reason(), reasonHeader));
    return HttpResponse.ok(export.zip())
        .contentType(ZIP)
        .header(
            HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + export.fileName() + "\"");
  }

  /** 201 with the receipt; the reason is required (body or header). */
  @Post("/erasure")
  @Secured(Roles.COMPLIANCE)
  HttpResponse<ReceiptView> erase(
      String customerId,
      @Nullable @Body ReasonRequest body,
      @Nullable @Header(Callers.REASON_HEADER) String reasonHeader,
      Authentication caller) {
    ErasureReceipt receipt =
        requests.erase(
            customerId,
            caller.getName(),
            Roles.COMPLIANCE,
            Callers.reason(body == null ? null : body.reason(), reasonHeader));
    return HttpResponse.created(
        ReceiptView.of(receipt), URI.create("/api/v1/erasure-receipts/" + receipt.id()));
  }
}
