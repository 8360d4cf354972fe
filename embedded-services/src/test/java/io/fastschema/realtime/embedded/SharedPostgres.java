package io.fastschema.realtime.embedded;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link EmbeddedPostgresServer} for all test classes of this module, closed by JUnit at the
 * end of the run (values in the root store that are {@link AutoCloseable} are closed). Each test
 * class creates its own application database on it.
 */
public final class SharedPostgres implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedPostgres.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedPostgresServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            EmbeddedPostgresServer.class,
            type -> EmbeddedPostgresServer.start(),
            EmbeddedPostgresServer.class);
  }
}
