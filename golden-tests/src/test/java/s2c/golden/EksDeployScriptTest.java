package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.Canary;
import s2c.testing.TestPaths;

/**
 * The EKS flavour's rendered deploy.sh run for real, with {@code terraform}, {@code aws}, {@code
 * kubectl} and {@code helm} replaced by programs that record their arguments and answer like the
 * real ones: Terraform first, then the operator, the cluster objects with the certificate the apply
 * made, the chart, and the domain's alias to the ALB the Ingress got; an output that is not an ACM
 * ARN is refused before it reaches kubectl; no secret value is ever an argument.
 */
class EksDeployScriptTest {
  private static final String ARN =
      "arn:aws:acm:eu-central-1:123456789012:certificate/0a1b2c3d-4e5f-6789-0a1b-2c3d4e5f6789";

  @TempDir Path tmp;
  private Path module;
  private Path log;

  @BeforeEach
  void render() throws IOException {
    assumeTrue(
        ProgramStubs.onPath("jq") && ProgramStubs.onPath("bash"),
        "jq and bash are needed to run deploy.sh");
    CliRun run =
        CliRun.of(
            "compile",
            "--bundle",
            TestPaths.fixture("multi-service/bundle.yaml").toString(),
            "--values",
            TestPaths.fixture("multi-service/values.prod.yaml").toString(),
            "--values",
            TestPaths.fixture("multi-service/values.aws.yaml").toString(),
            "--values",
            TestPaths.fixture("multi-service/values.eks.yaml").toString(),
            "--provider",
            "aws",
            "--checks",
            "fast",
            "--out",
            tmp.resolve("out").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    module = tmp.resolve("out/ledger/cloud/aws");
    log = tmp.resolve("calls.log");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    ProgramStubs.stub(
        bin.resolve("terraform"),
        """
        #!/bin/sh
        echo "terraform $*" >> "$STUB_LOG"
        if [ "$1" = output ]; then
          case "$3" in
            cluster_name) printf '%s' ledger-prod ;;
            certificate_arn) printf '%s' "$STUB_ARN" ;;
          esac
        fi
        """);
    ProgramStubs.stub(
        bin.resolve("aws"),
        """
        #!/bin/sh
        echo "aws $*" >> "$STUB_LOG"
        if [ "$2" = describe-load-balancers ]; then echo Z215JYRZR1TBD5; fi
        if [ "$2" = change-resource-record-sets ]; then
          printf '%s\\n' "$6" > "$STUB_LOG.batch"
        fi
        """);
    ProgramStubs.stub(
        bin.resolve("kubectl"),
        """
        #!/bin/sh
        echo "kubectl $*" >> "$STUB_LOG"
        if [ "$1" = get ]; then printf '%s' k8s-ledgerpr-ledger-0123456789.eu-central-1.elb.amazonaws.com; fi
        """);
    ProgramStubs.stub(
        bin.resolve("helm"),
        """
        #!/bin/sh
        echo "helm $*" >> "$STUB_LOG"
        """);
  }

  private record Run(int exit, String output, List<String> calls) {}

  private Run deploy(String arn) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", module.resolve("deploy.sh").toString(), "apply")
            .redirectErrorStream(true);
    pb.environment().put("PATH", tmp.resolve("bin") + ":" + System.getenv("PATH"));
    pb.environment().put("STUB_LOG", log.toString());
    pb.environment().put("STUB_ARN", arn);
    pb.environment().put("KUBECONFIG", tmp.resolve("kubeconfig").toString());
    pb.environment().put("TF_VAR_stripe_key", Canary.numbered(51));
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> calls = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return new Run(p.exitValue(), output, calls);
  }

  private static int first(List<String> calls, String prefix) {
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void terraformThenOperatorThenClusterObjectsThenChartThenAlias() throws Exception {
    Run run = deploy(ARN);
    assertThat(run.exit()).as(run.output()).isZero();
    List<String> calls = run.calls();
    int apply = first(calls, "terraform apply");
    int kubeconfig =
        first(calls, "aws eks update-kubeconfig --region eu-central-1 --name ledger-prod");
    // the node pool before the operator (whose pods need it), the store after (its kind is the
    // operator's)
    int objects = first(calls, "kubectl apply --filename ../cluster/");
    int operator = first(calls, "helm upgrade --install external-secrets external-secrets");
    int store = first(calls, "kubectl apply --filename ../cluster/secrets/");
    int patch = first(calls, "kubectl patch ingressclassparams alb");
    int chart = first(calls, "helm upgrade --install ledger ../chart/ledger");
    int alias = first(calls, "aws route53 change-resource-record-sets --hosted-zone-id");
    assertThat(List.of(apply, kubeconfig, objects, operator, store, patch, chart, alias))
        .as(String.join("\n", calls))
        .doesNotContain(-1)
        .isSorted();
    assertThat(calls.get(patch)).contains(ARN);
    assertThat(calls.get(chart))
        .contains("--values ../values/prod.yaml")
        .contains("--namespace ledger-prod")
        .contains("--wait");
    String batch = Files.readString(Path.of(log + ".batch"));
    assertThat(batch)
        .contains("\"Name\": \"ledger.example.com\"")
        .contains("\"HostedZoneId\": \"Z215JYRZR1TBD5\"")
        .contains("k8s-ledgerpr-ledger-0123456789.eu-central-1.elb.amazonaws.com");
    assertThat(String.join("\n", calls)).doesNotContain(Canary.numbered(51));
  }

  @Test
  void anOutputThatIsNotAnAcmArnNeverReachesKubectl() throws Exception {
    Run run = deploy("arn:aws:acm:x\"}],\"scheme\":\"internal");
    assertThat(run.exit()).isNotZero();
    assertThat(run.output()).contains("unexpected certificate ARN");
    assertThat(run.calls()).noneMatch(c -> c.startsWith("kubectl patch"));
    assertThat(run.calls()).noneMatch(c -> c.startsWith("helm upgrade --install ledger"));
  }
}
