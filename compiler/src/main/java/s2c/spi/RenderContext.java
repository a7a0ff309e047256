package s2c.spi;

/** What a render may know besides the model: nothing that varies between runs. */
public record RenderContext(String compilerVersion) {}
