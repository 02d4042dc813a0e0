package io.kilowatch.platform.cache;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded Hazelcast member of this instance ({@code kilowatch.hazelcast.*}). Instances with
 * the same cluster name and overlapping member lists form one cluster over TCP/IP; multicast is
 * never used.
 */
@ConfigurationProperties("kilowatch.hazelcast")
public class HazelcastSettings {
  private String clusterName = "kilowatch";
  private List<String> members = new ArrayList<>(List.of("127.0.0.1"));
  private int port = 5701;
  private boolean portAutoIncrement = true;
  private String interfaceAddress = "127.0.0.1";

  public String getClusterName() {
    return clusterName;
  }

  public void setClusterName(String clusterName) {
    this.clusterName = clusterName;
  }

  public List<String> getMembers() {
    return members;
  }

  public void setMembers(List<String> members) {
    this.members = members;
  }

  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  public boolean isPortAutoIncrement() {
    return portAutoIncrement;
  }

  public void setPortAutoIncrement(boolean portAutoIncrement) {
    this.portAutoIncrement = portAutoIncrement;
  }

  public String getInterfaceAddress() {
    return interfaceAddress;
  }

  public void setInterfaceAddress(String interfaceAddress) {
    this.interfaceAddress = interfaceAddress;
  }
}
