package s2c.targets.aws;

import java.util.List;
import java.util.Optional;
import s2c.model.Deployment;
import s2c.spi.ProviderSettings;

/**
 * {@code providers.aws} in values (schema: settings.schema.json next to this target).
 *
 * @param flavour {@code ecs}: ECS on Fargate; {@code eks}: the chart on EKS Auto Mode
 * @param eksVersion the Kubernetes version of the EKS cluster
 * @param region the AWS region
 * @param azs availability zones a new VPC spans
 * @param vpcCidr the new VPC's address range
 * @param vpcId an existing VPC, used with its subnets instead of a new one
 * @param route53ZoneId the hosted zone of the domain (certificate validation, alias record)
 * @param certificateArn an issued certificate for the domain when its zone is elsewhere
 */
record AwsSettings(
    Optional<String> flavour,
    Optional<String> eksVersion,
    Optional<String> region,
    Optional<Integer> azs,
    Optional<String> vpcCidr,
    Optional<String> vpcId,
    List<String> publicSubnetIds,
    List<String> privateSubnetIds,
    Optional<String> route53ZoneId,
    Optional<String> certificateArn,
    Optional<Integer> logRetentionDays,
    Optional<String> dbInstanceClass,
    Optional<String> cacheNodeType) {
  AwsSettings {
    flavour = flavour == null ? Optional.empty() : flavour;
    eksVersion = eksVersion == null ? Optional.empty() : eksVersion;
    region = region == null ? Optional.empty() : region;
    azs = azs == null ? Optional.empty() : azs;
    vpcCidr = vpcCidr == null ? Optional.empty() : vpcCidr;
    vpcId = vpcId == null ? Optional.empty() : vpcId;
    publicSubnetIds = publicSubnetIds == null ? List.of() : List.copyOf(publicSubnetIds);
    privateSubnetIds = privateSubnetIds == null ? List.of() : List.copyOf(privateSubnetIds);
    route53ZoneId = route53ZoneId == null ? Optional.empty() : route53ZoneId;
    certificateArn = certificateArn == null ? Optional.empty() : certificateArn;
    logRetentionDays = logRetentionDays == null ? Optional.empty() : logRetentionDays;
    dbInstanceClass = dbInstanceClass == null ? Optional.empty() : dbInstanceClass;
    cacheNodeType = cacheNodeType == null ? Optional.empty() : cacheNodeType;
  }

  static AwsSettings of(Deployment d) {
    return ProviderSettings.read(d, "aws", AwsSettings.class);
  }

  /**
   * The EKS release calendar ends 1.34's standard support on 2026-12-02; the next minor version is
   * the default so a new cluster neither bills the extended-support fee nor is upgraded at once.
   */
  static final String EKS_VERSION = "1.35";

  boolean eks() {
    return flavour.orElse("ecs").equals("eks");
  }

  String regionOrDefault() {
    return region.orElse("us-east-1");
  }

  int azCount() {
    return azs.orElse(2);
  }

  int retention(boolean prod) {
    return logRetentionDays.orElse(prod ? 90 : 14);
  }
}
