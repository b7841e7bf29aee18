/**
 * Text augmentation: ops that are pure functions of (text, seeded generator) to text, composed into a policy
 * that a recipe's {@code augment.text} section configures. No Beam, no DJL: testable with a string.
 */
package dev.sluice.augment.text;
