/**
 * Image augmentation on {@link dev.sluice.quality.image.Pixels}: pure functions of (pixels, magnitude, seeded
 * generator) in integer and fixed-point arithmetic, and the policies a recipe names ({@link
 * dev.sluice.augment.image.ImageAugmentPolicy}: RandAugment, TrivialAugmentWide, an explicit ops list). No Beam, no
 * DJL, no java.awt: the pipeline and the trainer call the same code and get the same bytes.
 */
package dev.sluice.augment.image;
