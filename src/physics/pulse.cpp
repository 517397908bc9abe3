#include "metasc/physics/pulse.hpp"

#include <algorithm>
#include <boost/math/tools/minima.hpp>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numbers>
#include <optional>
#include <sstream>
#include <utility>

#include "metasc/error.hpp"
#include "metasc/units.hpp"

namespace metasc::physics {
namespace {

constexpr double four_ln2 = 4.0 * std::numbers::ln2;

/// exp(−4 ln2 τ²/fwhm²): the gaussian intensity, FWHM = fwhm.
double gaussian(double tau, double fwhm) { return std::exp(-four_ln2 * tau * tau / (fwhm * fwhm)); }

/// |τ| beyond which weight·gaussian(τ) < ε; 0 when it never reaches ε.
double gaussian_reach(double fwhm, double weight, double epsilon) {
  return weight > epsilon ? fwhm * std::sqrt(std::log(weight / epsilon) / four_ln2) : 0.0;
}

/// sech²(τ/T), T = fwhm/(2 ln(1+√2)) so that the FWHM is fwhm.
double sech2_width(double fwhm) { return fwhm / (2.0 * std::log(1.0 + std::numbers::sqrt2)); }
double sech2(double tau, double width) {
  const double c = std::cosh(tau / width);  // overflows to inf far out: 1/inf² = 0, as it should
  return 1.0 / (c * c);
}

/// Plateau of length flat, cos² (i.e. sin² rising) ramps of length rise.
double flattop(double tau, double rise, double flat) {
  const double into_ramp = std::abs(tau) - 0.5 * flat;
  if (into_ramp <= 0.0) return 1.0;
  if (into_ramp >= rise) return 0.0;
  const double c = std::cos(0.5 * std::numbers::pi * into_ramp / rise);
  return c * c;
}

[[noreturn]] void out_of_range(const std::string& key, const std::string& allowed, double value) {
  std::ostringstream message;
  message << key << " must be " << allowed << " (got " << value << ")";
  throw ConfigError(message.str());
}

}  // namespace

const char* pulse_shape_name(PulseShape shape) {
  switch (shape) {
    case PulseShape::gaussian: return "gaussian";
    case PulseShape::sech2: return "sech2";
    case PulseShape::flattop: return "flattop";
    case PulseShape::double_pulse: return "double";
    case PulseShape::chirp: return "chirp";
    case PulseShape::table: return "table";
  }
  return "";
}

PulseShape pulse_shape_from_name(const std::string& name) {
  for (const PulseShape shape : {PulseShape::gaussian, PulseShape::sech2, PulseShape::flattop,
                                 PulseShape::double_pulse, PulseShape::chirp, PulseShape::table}) {
    if (name == pulse_shape_name(shape)) return shape;
  }
  throw ConfigError("pulse.shape must be a comma-separated list of gaussian | sech2 | flattop | double | chirp | "
                    "table (got '" + name + "')");
}

// ---------------------------------------------------------------------------------------------
// IntensityTable

IntensityTable::IntensityTable(std::vector<double> time_ps, std::vector<double> intensity)
    : time_(std::move(time_ps)), value_(std::move(intensity)) {
  if (time_.size() < 2 || value_.size() != time_.size()) {
    throw ConfigError("a pulse table needs at least two rows (t_ps, env^2)");
  }
  double largest = 0.0;
  for (std::size_t i = 0; i < time_.size(); ++i) {
    if (!std::isfinite(time_[i]) || !std::isfinite(value_[i]) || value_[i] < 0.0) {
      throw ConfigError("a pulse table needs finite times and finite env^2 >= 0 (row " + std::to_string(i + 1) + ")");
    }
    if (i > 0 && time_[i] <= time_[i - 1]) {
      throw ConfigError("pulse table times must increase strictly (row " + std::to_string(i + 1) + ")");
    }
    largest = std::max(largest, value_[i]);
  }
  if (!(largest > 0.0)) throw ConfigError("a pulse table needs some env^2 > 0");
  for (double& value : value_) value /= largest;

  const auto peak = std::find(value_.begin(), value_.end(), 1.0);
  peak_time_ = time_[static_cast<std::size_t>(peak - value_.begin())];
  // Linear interpolation: the envelope is non-zero strictly between the nodes around the non-zero samples.
  std::size_t first = 0, last = value_.size() - 1;
  while (value_[first] == 0.0) ++first;
  while (value_[last] == 0.0) --last;
  start_time_ = time_[first == 0 ? 0 : first - 1];
  end_time_ = time_[last + 1 == time_.size() ? last : last + 1];
}

double IntensityTable::operator()(double t_ps) const {
  if (std::isnan(t_ps)) return t_ps;
  if (t_ps <= time_.front() || t_ps >= time_.back()) {
    return t_ps == time_.front() ? value_.front() : t_ps == time_.back() ? value_.back() : 0.0;
  }
  const auto upper = static_cast<std::size_t>(std::upper_bound(time_.begin(), time_.end(), t_ps) - time_.begin());
  const std::size_t lower = upper - 1;
  const double fraction = (t_ps - time_[lower]) / (time_[upper] - time_[lower]);
  return value_[lower] + fraction * (value_[upper] - value_[lower]);
}

// ---------------------------------------------------------------------------------------------
// Pulse

Pulse::Pulse(PulseForm form, double amplitude, double angular_per_ps)
    : form_(std::move(form)), amplitude_(amplitude), scale_(angular_per_ps * angular_per_ps * amplitude) {
  if (!(amplitude >= 0.0) || !std::isfinite(amplitude)) out_of_range("pulse.amplitude", "a finite number >= 0", amplitude);
  if (!(angular_per_ps > 0.0) || !std::isfinite(angular_per_ps)) {
    out_of_range("phonon.frequency_THz", "a finite number > 0", angular_per_ps / units::two_pi);
  }
  if (!std::isfinite(form_.center_ps)) out_of_range("pulse.center_ps", "finite", form_.center_ps);
  if (!(form_.carrier_THz >= 0.0) || !std::isfinite(form_.carrier_THz)) {
    out_of_range("pulse.carrier_THz", "a finite number >= 0", form_.carrier_THz);
  }
  if (!std::isfinite(form_.carrier_phase_rad)) out_of_range("pulse.carrier_phase_rad", "finite", form_.carrier_phase_rad);
  const bool gaussian_like = form_.shape == PulseShape::gaussian || form_.shape == PulseShape::sech2 ||
                             form_.shape == PulseShape::double_pulse || form_.shape == PulseShape::chirp;
  if (gaussian_like && (!(form_.fwhm_ps > 0.0) || !std::isfinite(form_.fwhm_ps))) {
    out_of_range("pulse.fwhm_ps", "a finite number > 0", form_.fwhm_ps);
  }

  const double c = form_.center_ps;
  const double epsilon = negligible_intensity;
  switch (form_.shape) {
    case PulseShape::gaussian:
    case PulseShape::chirp: {
      if (form_.shape == PulseShape::chirp && !std::isfinite(form_.chirp_THz_per_ps)) {
        out_of_range("pulse.chirp_THz_per_ps", "finite", form_.chirp_THz_per_ps);
      }
      const double reach = gaussian_reach(form_.fwhm_ps, 1.0, epsilon);
      peak_time_ = c;
      start_time_ = c - reach;
      end_time_ = c + reach;
      break;
    }
    case PulseShape::sech2: {
      const double reach = sech2_width(form_.fwhm_ps) * std::acosh(1.0 / std::sqrt(epsilon));
      peak_time_ = c;
      start_time_ = c - reach;
      end_time_ = c + reach;
      break;
    }
    case PulseShape::flattop: {
      if (!(form_.rise_ps > 0.0) || !std::isfinite(form_.rise_ps)) {
        out_of_range("pulse.rise_ps", "a finite number > 0", form_.rise_ps);
      }
      if (!(form_.flat_ps >= 0.0) || !std::isfinite(form_.flat_ps)) {
        out_of_range("pulse.flat_ps", "a finite number >= 0", form_.flat_ps);
      }
      const double reach = 0.5 * form_.flat_ps + form_.rise_ps;  // env² is exactly 0 beyond
      peak_time_ = c;
      start_time_ = c - reach;
      end_time_ = c + reach;
      break;
    }
    case PulseShape::double_pulse: {
      if (!(form_.delay_ps >= 0.0) || !std::isfinite(form_.delay_ps)) {
        out_of_range("pulse.delay_ps", "a finite number >= 0", form_.delay_ps);
      }
      if (!(form_.ratio >= 0.0) || !std::isfinite(form_.ratio)) {
        out_of_range("pulse.ratio", "a finite number >= 0", form_.ratio);
      }
      const double first_reach = gaussian_reach(form_.fwhm_ps, 1.0, epsilon);
      const double second_reach = gaussian_reach(form_.fwhm_ps, form_.ratio * form_.ratio, epsilon);
      const double second = c + form_.delay_ps;
      start_time_ = second_reach > 0.0 ? std::min(c - first_reach, second - second_reach) : c - first_reach;
      end_time_ = second_reach > 0.0 ? std::max(c + first_reach, second + second_reach) : c + first_reach;
      peak_time_ = peak_time_search();
      break;
    }
    case PulseShape::table: {
      if (!form_.table) throw ConfigError("pulse.table_file must be given when pulse.shape includes table");
      peak_time_ = form_.table->peak_time_ps();
      start_time_ = form_.table->start_time_ps();
      end_time_ = form_.table->end_time_ps();
      break;
    }
  }
}

double Pulse::peak_time_search() const {
  // Only the double pulse needs a search. A sum of two gaussians of FWHM w has no feature
  // narrower than w, so a grid of w/50 brackets the global maximum; Brent refines it.
  const double step = form_.fwhm_ps / 50.0;
  const auto points = static_cast<long>(std::ceil((end_time_ - start_time_) / step));
  long best = 0;
  double best_value = -1.0;
  for (long k = 0; k <= points; ++k) {
    const double value = envelope_intensity(start_time_ + step * static_cast<double>(k));
    if (value > best_value) {
      best_value = value;
      best = k;
    }
  }
  const double centre = start_time_ + step * static_cast<double>(best);
  return boost::math::tools::brent_find_minima([this](double t) { return -envelope_intensity(t); }, centre - step,
                                               centre + step, std::numeric_limits<double>::digits / 2)
      .first;
}

double Pulse::envelope_intensity(double t_ps) const {
  const double tau = t_ps - form_.center_ps;
  switch (form_.shape) {
    case PulseShape::gaussian:
    case PulseShape::chirp: return gaussian(tau, form_.fwhm_ps);
    case PulseShape::sech2: return sech2(tau, sech2_width(form_.fwhm_ps));
    case PulseShape::flattop: return flattop(tau, form_.rise_ps, form_.flat_ps);
    case PulseShape::double_pulse:
      return gaussian(tau, form_.fwhm_ps) + form_.ratio * form_.ratio * gaussian(tau - form_.delay_ps, form_.fwhm_ps);
    case PulseShape::table: return (*form_.table)(t_ps);
  }
  return 0.0;
}

double Pulse::intensity(double t_ps) const {
  if (form_.carrier_THz == 0.0) return envelope_intensity(t_ps);
  const double chirp = form_.shape == PulseShape::chirp ? form_.chirp_THz_per_ps : 0.0;
  // 1 + cos 2φ with φ = 2π(f τ + chirp τ²/2) + φ0, τ measured from the sub-pulse's own peak.
  const auto carried = [&](double tau) {
    return 1.0 + std::cos(2.0 * (units::two_pi * tau * (form_.carrier_THz + 0.5 * chirp * tau) + form_.carrier_phase_rad));
  };
  const double tau = t_ps - form_.center_ps;
  switch (form_.shape) {
    case PulseShape::double_pulse: {
      const double delayed = tau - form_.delay_ps;
      return gaussian(tau, form_.fwhm_ps) * carried(tau) +
             form_.ratio * form_.ratio * gaussian(delayed, form_.fwhm_ps) * carried(delayed);
    }
    case PulseShape::table: return (*form_.table)(t_ps) * carried(t_ps - form_.table->peak_time_ps());
    default: return envelope_intensity(t_ps) * carried(tau);
  }
}

std::vector<double> drive_table(const Pulse& pulse, double dt_ps, std::uint64_t steps) {
  // After the pulse is over the drive is below 1e-6 of its peak: the table stops there.
  const auto last = std::min<std::uint64_t>(steps, static_cast<std::uint64_t>(std::ceil(pulse.end_time_ps() / dt_ps)));
  std::vector<double> drive(last + 1);
  for (std::uint64_t n = 0; n <= last; ++n) drive[n] = pulse.acceleration(static_cast<double>(n) * dt_ps);
  return drive;
}

}  // namespace metasc::physics
