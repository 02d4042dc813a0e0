package io.kilowatch.preference.application;

/** The {@code action} values of the audit log. */
public final class AuditActions {
  public static final String PREFERENCES_READ = "preferences.read";
  public static final String PREFERENCES_UPDATE = "preferences.update";
  public static final String CONTACT_POINTS_READ = "contact-points.read";
  public static final String CONTACT_POINT_ADD = "contact-point.add";
  public static final String CONTACT_POINT_DELETE = "contact-point.delete";
  public static final String CONTACT_POINT_VERIFY = "contact-point.verify";
  public static final String CONTACT_POINT_VERIFY_FAILED = "contact-point.verify-failed";
  public static final String CONTACT_POINT_RESEND_CODE = "contact-point.resend-code";
  public static final String AUDIT_READ = "audit.read";

  private AuditActions() {}
}
