package io.kilowatch.platform.persistence;

import jakarta.inject.Singleton;
import org.apache.ibatis.session.SqlSessionManager;

/**
 * Hands out thread-safe MyBatis mapper proxies. Modules call {@link #of} from their own {@code
 * Factory} to expose their mappers as beans. Mapper calls must run inside a transaction.
 */
@Singleton
public class Mappers {
  private final SqlSessionManager sessions;

  Mappers(SqlSessionManager sessions) {
    this.sessions = sessions;
  }

  public synchronized <T> T of(Class<T> mapperType) {
    var configuration = sessions.getConfiguration();
    if (!configuration.hasMapper(mapperType)) {
      configuration.addMapper(mapperType);
    }
    return sessions.getMapper(mapperType);
  }
}
