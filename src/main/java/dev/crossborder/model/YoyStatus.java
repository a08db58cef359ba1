package dev.crossborder.model;

/** Why a growth rate was or was not computed (DESIGN.md §5). */
public enum YoyStatus {
  OK,
  NO_PRIOR_PERIOD,
  COVERAGE_MISMATCH,
  PRIOR_ZERO
}
