/**
 * HCL for Terraform targets: an immutable model, a writer in {@code terraform fmt} layout and a
 * parser that keeps positions (for checks on rendered or hand-edited files).
 */
package s2c.hcl;
