package io.kilowatch.channel.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Address ranges a webhook must never reach from inside our network: loopback, private, link-local
 * (cloud metadata services), shared/CGNAT, unspecified, multicast, documentation and reserved
 * blocks, for IPv4 and IPv6, including IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4).
 * Taken from the IANA special-purpose registries, entries that are not globally reachable.
 *
 * <p>Stateless and thread-safe.
 */
final class ReservedAddresses {

  private record Block(byte[] network, int prefixLength, String description) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int fullBytes = prefixLength / 8;
      for (int i = 0; i < fullBytes; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int restBits = prefixLength % 8;
      if (restBits == 0) {
        return true;
      }
      int mask = (0xFF << (8 - restBits)) & 0xFF;
      return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }
  }

  /** An IPv6 block whose addresses carry an IPv4 address in bytes {@code [from, from + 4)}. */
  private record Embedding(Block block, int from) {}

  private static final List<Block> IPV4 =
      List.of(
          block("0.0.0.0", 8, "unspecified (0.0.0.0/8)"),
          block("10.0.0.0", 8, "private (10.0.0.0/8)"),
          block("100.64.0.0", 10, "shared/carrier-grade NAT (100.64.0.0/10)"),
          block("127.0.0.0", 8, "loopback (127.0.0.0/8)"),
          block("169.254.0.0", 16, "link-local (169.254.0.0/16, cloud metadata)"),
          block("172.16.0.0", 12, "private (172.16.0.0/12)"),
          block("192.0.0.0", 24, "IETF protocol assignments (192.0.0.0/24)"),
          block("192.0.2.0", 24, "documentation (192.0.2.0/24)"),
          block("192.168.0.0", 16, "private (192.168.0.0/16)"),
          block("198.18.0.0", 15, "benchmarking (198.18.0.0/15)"),
          block("198.51.100.0", 24, "documentation (198.51.100.0/24)"),
          block("203.0.113.0", 24, "documentation (203.0.113.0/24)"),
          block("224.0.0.0", 4, "multicast (224.0.0.0/4)"),
          block("240.0.0.0", 4, "reserved/broadcast (240.0.0.0/4)"));

  private static final List<Embedding> IPV6_EMBEDDING_IPV4 =
      List.of(
          new Embedding(block("::ffff:0:0", 96, "IPv4-mapped"), 12),
          new Embedding(block("64:ff9b::", 96, "NAT64"), 12),
          new Embedding(block("2002::", 16, "6to4"), 2));

  private static final List<Block> IPV6 =
      List.of(
          block("::", 128, "unspecified (::)"),
          block("::1", 128, "loopback (::1)"),
          block("::", 96, "IPv4-compatible (::/96, deprecated)"),
          block("64:ff9b:1::", 48, "local-use NAT64 (64:ff9b:1::/48)"),
          block("100::", 64, "discard-only (100::/64)"),
          block("2001::", 23, "IETF protocol assignments incl. Teredo (2001::/23)"),
          block("2001:db8::", 32, "documentation (2001:db8::/32)"),
          block("3fff::", 20, "documentation (3fff::/20)"),
          block("fc00::", 7, "unique-local/private (fc00::/7)"),
          block("fe80::", 10, "link-local (fe80::/10)"),
          block("fec0::", 10, "site-local (fec0::/10, deprecated)"),
          block("ff00::", 8, "multicast (ff00::/8)"));

  private ReservedAddresses() {}

  /** Why {@code address} must not be reached, e.g. {@code "private (10.0.0.0/8)"}; empty if ok. */
  static Optional<String> reason(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      return reasonV4(bytes);
    }
    if (address instanceof Inet6Address) {
      for (Embedding embedding : IPV6_EMBEDDING_IPV4) {
        if (embedding.block().contains(bytes)) {
          byte[] v4 = Arrays.copyOfRange(bytes, embedding.from(), embedding.from() + 4);
          return reasonV4(v4).map(r -> embedding.block().description() + " " + r);
        }
      }
      return IPV6.stream().filter(b -> b.contains(bytes)).map(Block::description).findFirst();
    }
    return Optional.of("unknown address family");
  }

  private static Optional<String> reasonV4(byte[] bytes) {
    return IPV4.stream().filter(b -> b.contains(bytes)).map(Block::description).findFirst();
  }

  private static Block block(String literal, int prefixLength, String description) {
    try {
      // Literals only: getByName does no lookup for them. getByAddress keeps an IPv4-mapped
      // network as 16 bytes (getByName would fold ::ffff:0:0 into an Inet4Address).
      byte[] bytes = InetAddress.getByName(literal).getAddress();
      if (literal.contains(":") && bytes.length == 4) {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        bytes = mapped;
      }
      return new Block(bytes, prefixLength, description);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("bad literal " + literal, e);
    }
  }
}
