package s2c.diag;

/**
 * Every stable diagnostic code in one place, so the README table, the tests and the code agree.
 * Codes never change meaning once released; new problems get new numbers.
 */
public final class Codes {
  private Codes() {}

  // input files
  public static final String FILE_UNREADABLE = "S2C001";
  public static final String FILE_TOO_LARGE = "S2C002";
  public static final String SYNTAX = "S2C003";
  public static final String DUPLICATE_KEY = "S2C004";
  public static final String YAML_ALIAS_LIMIT = "S2C005";
  public static final String NOT_AN_OBJECT = "S2C006";
  // schema
  public static final String WRONG_TYPE = "S2C010";
  public static final String UNKNOWN_FIELD = "S2C011";
  public static final String MISSING_FIELD = "S2C012";
  public static final String VALUE_NOT_ALLOWED = "S2C013";
  public static final String UNSUPPORTED_VERSION = "S2C014";
  // bundle semantics
  public static final String DUPLICATE_ID = "S2C020";
  public static final String BAD_IDENTIFIER = "S2C021";
  public static final String UNKNOWN_DEPENDENCY = "S2C022";
  public static final String DEPENDENCY_CYCLE = "S2C023";
  public static final String UNKNOWN_SECRET = "S2C024";
  public static final String UNKNOWN_PORT = "S2C025";
  // secrets
  public static final String INFRASTRUCTURE_SECRET = "S2C030";
  public static final String SECRET_WITHOUT_STRATEGY = "S2C031";
  public static final String SECRET_VALUE_GIVEN = "S2C032";
  public static final String SECRET_CLASS_CONFLICT = "S2C033";
  // values
  public static final String BAD_SET = "S2C040";
  public static final String UNKNOWN_OVERRIDE_TARGET = "S2C041";
  // provider planning
  public static final String NO_IMAGE = "S2C050";
  public static final String RESOURCE_AS_CONTAINER = "S2C051";
  public static final String OPTIONAL_RESOURCE_DROPPED = "S2C052";
  public static final String RESOURCE_UNSUPPORTED = "S2C053";
  public static final String PROD_NEEDS_REMOTE_STATE = "S2C054";
  public static final String EPHEMERAL_STORAGE = "S2C055";
  public static final String HEALTH_APPROXIMATED = "S2C056";
  public static final String DESKTOP_FIELD_IGNORED = "S2C057";
  public static final String SWAP_NOTED = "S2C058";

  /** The scenario's develop-step command is not used because an image's own entrypoint runs. */
  public static final String DEVELOP_COMMAND_UNUSED = "S2C059";

  /** A port of an exposed service that the provider cannot route public traffic to. */
  public static final String PORT_NOT_PUBLIC = "S2C061";

  public static final String UNKNOWN_PROVIDER = "S2C060";

  /**
   * A run command that only a shell could start (a builtin such as exec or cd, an operator, an
   * expansion).
   */
  public static final String COMMAND_NEEDS_SHELL = "S2C062";

  public static final String SCENARIO_DIR = "S2C090";
  // output validation
  public static final String HCL_SYNTAX = "S2C070";
  public static final String TF_UNKNOWN_TYPE = "S2C071";
  public static final String TF_UNKNOWN_NAME = "S2C072";
  public static final String TF_MISSING_REQUIRED = "S2C073";
  public static final String TF_WRONG_TYPE = "S2C074";
  public static final String TF_TOO_MANY_BLOCKS = "S2C075";
  public static final String TF_FMT = "S2C076";
  public static final String VALUE_NOT_ALLOWED_TF = "S2C080";
  public static final String DUPLICATE_ADDRESS = "S2C081";
  public static final String CHART_TOOL = "S2C082";
  public static final String K8S_SCHEMA = "S2C083";
  public static final String TOOL_CHECK = "S2C084";

  /** Output holds code or objects the target never writes: input data became live code. */
  public static final String OUTPUT_INJECTION = "S2C085";

  /**
   * A pod of the render addresses a Service of the render that the render's NetworkPolicies close
   * to it.
   */
  public static final String K8S_UNREACHABLE = "S2C086";

  /** A variable Terraform requires is not checked by the deploy script or not documented. */
  public static final String REQUIRED_INPUT_UNDOCUMENTED = "S2C087";

  /**
   * A hook pod needs a Secret or Service that the installer or GitOps controller creates only after
   * it.
   */
  public static final String HOOK_ORDER = "S2C088";

  /**
   * A script run on the host needs a tool a fresh Debian host lacks and the script does not
   * install.
   */
  public static final String HOST_TOOL_MISSING = "S2C091";

  /**
   * Terraform cannot read back what it writes (an encrypted value it would compare): every plan
   * shows a change.
   */
  public static final String TF_PERPETUAL_DIFF = "S2C092";

  /**
   * A database user the app connects as cannot create in its database (PostgreSQL 15+ public
   * schema).
   */
  public static final String DB_USER_UNGRANTED = "S2C093";

  /**
   * No service declares a public route, so the front service is published at / (the others stay
   * private).
   */
  public static final String DEFAULT_ROUTE = "S2C094";

  /** An optional part of a render is left out because a setting it needs is not given. */
  public static final String OPTIONAL_OUTPUT_SKIPPED = "S2C095";

  /** The infra repository's CI would not hand a deploy a secret it reads from the environment. */
  public static final String CI_SECRET_UNLISTED = "S2C096";

  /** A backing resource is not run by the deployment: the app reaches an endpoint run elsewhere. */
  public static final String RESOURCE_EXTERNAL = "S2C097";

  /**
   * A secret value would be stored in a Terraform plan or state (or handed to a container as plain
   * environment) where the target promises it never is.
   */
  public static final String SECRET_IN_STATE = "S2C098";

  /** A service's size is rounded up to the nearest size the platform offers. */
  public static final String SIZE_ROUNDED = "S2C099";

  /** A variable other targets give the app is not set on this one (and the message says why). */
  public static final String ENV_NOT_PROVIDED = "S2C100";

  /** A service's volume cannot be given as asked (no volumes on the platform, one node only). */
  public static final String VOLUME_UNAVAILABLE = "S2C101";

  /**
   * A resource asked to be highly available cannot be as asked: it runs as one instance on this
   * target, or the provider cannot add a standby to its size.
   */
  public static final String HA_UNAVAILABLE = "S2C102";

  /** An apply would report success although the platform rolled the deployment back. */
  public static final String ROLLBACK_UNREPORTED = "S2C103";

  /**
   * A workload reads a secret the deployment does not create, or whose reader may not read it: the
   * pods would wait for a Secret that never appears.
   */
  public static final String SECRET_UNPROVIDED = "S2C104";

  /** An images file (--images) is not an object of service id → digest-pinned reference. */
  public static final String IMAGES_FILE_INVALID = "S2C105";

  /**
   * A service of an environment named prod runs an image by a tag, which can move: the deploy is
   * not reproducible and a registry push changes production.
   */
  public static final String IMAGE_NOT_PINNED = "S2C106";

  /** A service's build output an image is made of is missing (binary, assets, base image). */
  public static final String ARTIFACT_MISSING = "S2C107";

  /**
   * The scenario's own build of a service (its setup step) could not make the output an image
   * needs: its toolchain is not installed, its directory is missing, it failed or it timed out.
   */
  public static final String SETUP_FAILED = "S2C108";

  /**
   * Something the render creates has no known list price: the estimate lists it and counts it as
   * nothing (warning).
   */
  public static final String COST_UNPRICED = "S2C109";

  /**
   * A render goes past a values guardrail: more replicas than allowed, a region not allowed, a
   * monthly estimate over the budget or a rise over the allowed increase without a confirmed
   * amount.
   */
  public static final String GUARDRAIL_EXCEEDED = "S2C110";

  /**
   * A publish would destroy or replace a stateful resource (a database, a volume, a bucket) and was
   * not allowed to (--allow-destroy).
   */
  public static final String DESTROY_UNAPPROVED = "S2C111";

  /**
   * Two tenants of a tenants file would share a name, directory, state key, secret path or domain
   * (ids that differ only where names join them, e.g. tenant a-b in env c and tenant a in env b-c).
   */
  public static final String TENANT_COLLISION = "S2C112";

  public static final String CHECK_SKIPPED = "S2C077";
  public static final String MANIFEST_MISMATCH = "S2C078";
  public static final String SECRET_VARIABLE_UNSAFE = "S2C079";
}
