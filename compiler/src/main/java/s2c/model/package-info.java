/**
 * The immutable, validated model every target renders from. Plain records: no I/O, no Jackson, no
 * provider knowledge (each target's own settings arrive as plain values it reads itself).
 */
package s2c.model;
