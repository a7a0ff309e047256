package s2c.model;

import java.util.Optional;

/** A named port with the fixed number the cloud uses (the low end of the requested range). */
public record Port(String name, int number, Optional<String> envVar) {}
