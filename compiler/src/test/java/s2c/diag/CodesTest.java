package s2c.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A code has one meaning: no two names of {@link Codes} share a code. */
class CodesTest {
  @Test
  void everyCodeHasOneName() throws Exception {
    List<String> codes = new ArrayList<>();
    for (Field f : Codes.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        codes.add((String) f.get(null));
      }
    }
    assertThat(codes).isNotEmpty().allMatch(c -> c.matches("S2C\\d{3}")).doesNotHaveDuplicates();
  }
}
