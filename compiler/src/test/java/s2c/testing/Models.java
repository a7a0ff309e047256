package s2c.testing;

import java.util.List;
import java.util.Optional;
import s2c.model.Deployment;
import s2c.pipeline.CompileRequest;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.pipeline.InputDocument;
import s2c.spi.Checks;
import s2c.spi.Target;
import s2c.spi.TargetRegistry;

/**
 * The validated model of a fixture, as one target's planner receives it (for model in → plan out
 * tests).
 */
public final class Models {
  private Models() {}

  public static Deployment of(Target target, String bundle, String values, String... sets) {
    CompileRequest request =
        new CompileRequest(
            Optional.of(InputDocument.file(TestPaths.fixture(bundle))),
            Optional.empty(),
            Optional.empty(),
            target.id(),
            Optional.empty(),
            List.of(InputDocument.file(TestPaths.fixture(values))),
            List.of(sets),
            Optional.empty(),
            Checks.FAST);
    CompileResult result = new Compiler(TargetRegistry.of(List.of(target))).compile(request);
    return result
        .deployment()
        .orElseThrow(
            () -> new AssertionError("the fixture does not compile: " + result.diagnostics()));
  }
}
