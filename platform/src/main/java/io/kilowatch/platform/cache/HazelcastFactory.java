package io.kilowatch.platform.cache;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Starts this instance's Hazelcast member; it joins the members listed in the settings. */
@Factory
class HazelcastFactory {
  @Singleton
  @Bean(preDestroy = "shutdown")
  HazelcastInstance hazelcast(HazelcastSettings settings) {
    Config config = new Config();
    config.setClusterName(settings.getClusterName());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    var network = config.getNetworkConfig();
    network.setPort(settings.getPort()).setPortAutoIncrement(settings.isPortAutoIncrement());
    network.getInterfaces().setEnabled(true).addInterface(settings.getInterfaceAddress());
    var join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(settings.getMembers());
    return Hazelcast.newHazelcastInstance(config);
  }
}
