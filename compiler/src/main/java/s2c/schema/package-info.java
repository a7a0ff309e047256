/**
 * JSON Schema validation of inputs (networknt) plus the grammars every input string must match
 * ({@code x-grammar}), translated into located diagnostics.
 */
package s2c.schema;
