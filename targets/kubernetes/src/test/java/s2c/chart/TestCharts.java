package s2c.chart;

import java.util.List;
import s2c.diag.Diagnostic;
import s2c.model.Deployment;
import s2c.targets.kubernetes.KubernetesSettings;

/** The chart model of a deployment on the cluster its {@code providers.kubernetes} describes. */
final class TestCharts {
  private TestCharts() {}

  static ChartModel model(Deployment d, List<Diagnostic> diagnostics) {
    return new ChartModel(d, KubernetesSettings.of(d).platform(d), diagnostics);
  }
}
