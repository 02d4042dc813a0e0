package io.kilowatch.platform.persistence;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Instant;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.session.SqlSessionManager;
import org.apache.ibatis.transaction.managed.ManagedTransactionFactory;

/**
 * MyBatis over Micronaut's transaction-aware data source: every mapper call joins the caller's
 * {@code @Transactional} (or {@code TransactionOperations}) transaction, and a rollback covers
 * everything the mappers did.
 */
@Factory
class MyBatisFactory {
  @Singleton
  SqlSessionManager sqlSessionManager(DataSource dataSource, SchemaMigrator migrated) {
    var transactions = new ManagedTransactionFactory();
    var props = new java.util.Properties();
    props.setProperty("closeConnection", "false");
    transactions.setProperties(props);
    Configuration configuration =
        new Configuration(new Environment("kilowatch", transactions, dataSource));
    configuration.setMapUnderscoreToCamelCase(true);
    configuration.setDefaultStatementTimeout(30);
    configuration.getTypeHandlerRegistry().register(Instant.class, UtcInstantTypeHandler.class);
    return SqlSessionManager.newInstance(new SqlSessionFactoryBuilder().build(configuration));
  }
}
