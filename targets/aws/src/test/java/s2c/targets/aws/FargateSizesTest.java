package s2c.targets.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The ECS task size table, and the smallest size that fits a request. */
class FargateSizesTest {
  @Test
  void theTableHasEveryCpuStepAndItsMemoryRange() {
    assertThat(FargateSizes.valid(256, 512)).isTrue();
    assertThat(FargateSizes.valid(256, 4096)).isFalse();
    assertThat(FargateSizes.valid(1024, 1024)).isFalse();
    assertThat(FargateSizes.valid(4096, 30720)).isTrue();
    assertThat(FargateSizes.valid(8192, 20480)).isTrue();
    assertThat(FargateSizes.valid(8192, 18432)).isFalse(); // 4 GiB steps from 16 GiB
    assertThat(FargateSizes.valid(16384, 122880)).isTrue();
  }

  @Test
  void aRequestIsRoundedUpToTheSmallestSizeThatHoldsIt() {
    assertThat(FargateSizes.fit(new BigDecimal("0.25"), 512))
        .contains(new FargateSizes.Size(256, 512));
    assertThat(FargateSizes.fit(BigDecimal.ONE, 1024)).contains(new FargateSizes.Size(1024, 2048));
    assertThat(FargateSizes.fit(new BigDecimal("0.3"), 600))
        .contains(new FargateSizes.Size(512, 1024));
    assertThat(FargateSizes.fit(new BigDecimal("0.25"), 3000))
        .contains(new FargateSizes.Size(512, 3072));
    assertThat(FargateSizes.fit(new BigDecimal("32"), 1024)).isEmpty();
  }
}
