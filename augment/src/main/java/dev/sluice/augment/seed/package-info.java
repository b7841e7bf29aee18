/** The seeding every augmentation shares: one SplitMix64 stream per (seed, record id, copy, op). */
package dev.sluice.augment.seed;
