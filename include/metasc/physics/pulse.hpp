#pragma once
/// The pump pulse (PHYSICS.md §5): the acceleration it adds to dP/dt,
///
///   a(t) = ω² A s(t)  [1/ps²],   s(t) = env²(t)·(1 + cos 2φ(t)),
///
/// with φ(t) = Ω_d (t − t_peak) + φ0, Ω_d = 2π·carrier_THz, φ0 the carrier phase
/// at the envelope peak; with carrier_THz = 0, s = env² (cycle-averaged). env
/// peaks at 1, so a static s = 1 displaces the bare oscillator by A (in
/// oscillator lengths): A is the cycle-averaged peak displacement.
///
/// Envelopes (the intensity env², times in ps, τ = t − center):
///   gaussian  exp(−4 ln2 τ²/fwhm²)
///   sech2     sech²(τ/T), T = fwhm/(2 ln(1+√2))
///   flattop   plateau of length flat centred on `center`, sin² ramps of length rise each side
///             (FWHM = flat + rise, ∫env² = flat + rise)
///   double    two gaussians at center and center + delay, field amplitude ratio r of the second:
///             env² = g(τ) + r² g(τ − delay). The two are mutually incoherent: intensities add,
///             each with its own carrier phase φ0 at its own peak (no interference term).
///   chirp     gaussian envelope, instantaneous carrier frequency f(t) = carrier + chirp·τ:
///             φ = 2π(carrier·τ + chirp·τ²/2) + φ0
///   table     env² read from a file, linear interpolation, 0 outside, rescaled to peak 1;
///             the carrier phase is referred to the table's peak.
/// The pump is the same for every trajectory: evaluate acceleration() once per step.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace metasc::physics {

enum class PulseShape { gaussian, sech2, flattop, double_pulse, chirp, table };

/// "gaussian", "sech2", "flattop", "double", "chirp", "table" (the values of `pulse.shape`).
const char* pulse_shape_name(PulseShape shape);
/// Inverse of pulse_shape_name; throws ConfigError naming `pulse.shape`.
PulseShape pulse_shape_from_name(const std::string& name);

/// A sampled intensity envelope env²(t): linear interpolation, 0 outside,
/// rescaled so that its largest sample is 1.
class IntensityTable {
 public:
  /// Throws ConfigError unless ≥ 2 samples, times strictly increasing, values
  /// finite, ≥ 0 and not all 0.
  IntensityTable(std::vector<double> time_ps, std::vector<double> intensity);

  double operator()(double t_ps) const;  ///< env²(t), 0 outside the table
  double peak_time_ps() const { return peak_time_; }  ///< first sample with env² = 1
  /// First / last time where env² may be non-zero.
  double start_time_ps() const { return start_time_; }
  double end_time_ps() const { return end_time_; }

 private:
  std::vector<double> time_;
  std::vector<double> value_;
  double peak_time_;
  double start_time_;
  double end_time_;
};

/// The temporal form of the pump, everything but its amplitude. Each shape
/// reads only its own fields (see the file comment).
struct PulseForm {
  PulseShape shape = PulseShape::gaussian;
  double center_ps = 1.0;          ///< envelope peak (flattop: plateau middle; double: first pulse)
  double fwhm_ps = 0.3;            ///< FWHM of env² (gaussian, sech2, double, chirp)
  double rise_ps = 0.1;            ///< flattop: length of each sin² ramp, > 0
  double flat_ps = 1.0;            ///< flattop: plateau length, ≥ 0
  double delay_ps = 1.0;           ///< double: second peak after the first, ≥ 0
  double ratio = 1.0;              ///< double: field amplitude of the second / first, ≥ 0
  double chirp_THz_per_ps = 0.0;   ///< chirp: df/dt of the carrier
  double carrier_THz = 0.0;        ///< Ω_d/2π; 0 = cycle-averaged
  double carrier_phase_rad = 0.0;  ///< φ0, the carrier phase at the envelope peak
  std::shared_ptr<const IntensityTable> table;  ///< table: the sampled env²
};

/// A pump pulse: a small value type (copies share the table).
class Pulse {
 public:
  /// amplitude A [oscillator lengths] ≥ 0, ω [rad/ps] > 0 the phonon frequency.
  /// Throws ConfigError naming the `pulse.*` key of a field out of range.
  Pulse(PulseForm form, double amplitude, double angular_per_ps);

  /// a(t) = ω² A s(t) [1/ps²]
  double acceleration(double t_ps) const { return scale_ * intensity(t_ps); }
  /// s(t), dimensionless: env²·(1 + cos 2φ), or env² without a carrier.
  double intensity(double t_ps) const;
  /// env²(t), the cycle-averaged intensity (peak 1).
  double envelope_intensity(double t_ps) const;

  /// Time of the maximum of env² [ps].
  double peak_time_ps() const { return peak_time_; }
  /// Before start and after end, env² < negligible_intensity (the pulse is over) [ps].
  double start_time_ps() const { return start_time_; }
  double end_time_ps() const { return end_time_; }
  /// env² threshold that defines start and end.
  static constexpr double negligible_intensity = 1e-6;

  double amplitude() const { return amplitude_; }
  const PulseForm& form() const { return form_; }

 private:
  double peak_time_search() const;

  PulseForm form_;
  double amplitude_;
  double scale_;  ///< ω² A [1/ps²]
  double peak_time_;
  double start_time_;
  double end_time_;
};

/// a(t_n) [1/ps²] for n = 0 … until the pulse is over (env² below 1e-6 of its
/// peak) or `steps`: the pump, evaluated once for the whole ensemble or lattice.
std::vector<double> drive_table(const Pulse& pulse, double dt_ps, std::uint64_t steps);

}  // namespace metasc::physics
