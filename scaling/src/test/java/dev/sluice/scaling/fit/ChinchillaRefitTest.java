package dev.sluice.scaling.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fitter reproduces Epoch AI's refit of the Chinchilla points (Besiroglu et al. 2024) within its published
 * standard errors: E = 1.82 (0.03), A = 482 (125), B = 2085 (1293), alpha = 0.348 (0.02), beta = 0.366 (0.02).
 */
class ChinchillaRefitTest {
  @Test
  void reproducesEpochsRefit() throws Exception {
    ScalingLaw law = LawFitter.fitOne(ChinchillaPoints.refitSet());
    assertEquals(1.82, law.e(), 0.03, "E");
    assertEquals(482, law.a(), 125, "A");
    assertEquals(2085, law.b(), 1293, "B");
    assertEquals(0.348, law.alpha(), 0.02, "alpha");
    assertEquals(0.366, law.beta(), 0.02, "beta");
  }

  @Test
  void bootstrapIntervalsContainTheRefitAndAreAboutItsStandardErrors() throws Exception {
    FitSummary s = ScalingFits.fit(ChinchillaPoints.refitSet(), 200, 7);
    FitSummary.ArmFit f = s.arms().get("chinchilla");
    assertEquals("own", f.source());
    assertTrue(
        f.e().covers(1.82) && f.alpha().covers(0.348) && f.beta().covers(0.366), f.toString());
    // a 95% interval spans about 4 standard errors: Epoch's are 0.02 for alpha and beta
    double alphaWidth = f.alpha().ciHigh() - f.alpha().ciLow();
    assertTrue(alphaWidth > 0.02 && alphaWidth < 0.2, "alpha interval width " + alphaWidth);
    assertEquals(List.of(), s.warnings());
    assertEquals(1.0, s.multipliers().get("chinchilla").value(), 1e-12);
  }
}
