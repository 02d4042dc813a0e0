package io.kilowatch.platform.security;

/**
 * The roles Kilowatch's endpoints are secured with. A token's {@code roles} claim carries them; a
 * customer token's subject is the customer id, and customers only ever see their own data.
 */
public final class Roles {
  /** A customer acting on their own data (self-service page, retailer app). */
  public static final String CUSTOMER = "customer";

  /** Support staff: any customer's timeline and preferences, every access audited. */
  public static final String SUPPORT = "support";

  /** Compliance officers: consent history, export, erasure, audit log. */
  public static final String COMPLIANCE = "compliance";

  /** Marketing and operations: analytics, campaigns, dead letters. */
  public static final String OPS = "ops";

  /** Machine clients that submit meter readings (head-end systems, the simulator). */
  public static final String INGEST = "ingest";

  /**
   * The retailer's other systems (CRM, field service, payments) calling the trigger API with an API
   * key; the key's categories limit what they may send (see delivery's {@code trigger} package).
   */
  public static final String SYSTEM = "system";

  /** Platform administrators: accounts and configuration. */
  public static final String ADMIN = "admin";

  private Roles() {}
}
