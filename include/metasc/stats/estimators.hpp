#pragma once
/// The ensemble estimators of PHYSICS.md §7 in one include: Wilson interval,
/// censored escape rate, Kaplan–Meier, escape-time summary, running moments,
/// histogram. Each lives in its own header; include that one where it suffices.
#include "metasc/stats/binomial.hpp"
#include "metasc/stats/censored_rate.hpp"
#include "metasc/stats/censored_times.hpp"
#include "metasc/stats/escape_summary.hpp"
#include "metasc/stats/histogram.hpp"
#include "metasc/stats/kaplan_meier.hpp"
#include "metasc/stats/running_moments.hpp"
