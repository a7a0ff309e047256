/**
 * Diagnostics: user errors as data (code with one meaning, file, line, column, JSON pointer,
 * message, hint), never stack traces; {@link s2c.diag.Codes} holds every code.
 */
package s2c.diag;
