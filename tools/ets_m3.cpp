// ets_m3: scores cloudcast's ETS family on the M3 quarterly set the way
// ../shared/bench/m3-r-baseline.R scores R's (sMAPE, MASE, h = 8), and times it.
// Not a test: a measuring tool for docs/forecasting-ets.md.
//
//   build/tools/ets_m3 ../shared/data/m3/m3-quarterly-dev.csv [--threads 2]
//       [--per-series FILE.csv] [--forecasts FILE.csv] [--optimizer nm|nlopt-nm|bobyqa]
//
// Methods: ETS = forecast(ets(x)); SES/Holt/Damped = ses()/holt()/holt(damped=TRUE) on the
// seasonally adjusted series (M4 benchmark definition, as the R script), re-seasonalised.

#include "forecast/ets.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace cf = cloudcast::forecast;

namespace {

constexpr int kH = 8;
constexpr int kM = 4;

struct Series {
  std::string id;
  std::vector<double> train, test;
};

std::vector<Series> read_m3(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "ets_m3: cannot open " << path << "\n";
    std::exit(4);
  }
  std::string line;
  std::getline(in, line);
  std::vector<Series> out;
  std::map<std::string, std::size_t> index;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string id, kind, idx, value;
    std::getline(ss, id, ',');
    std::getline(ss, kind, ',');
    std::getline(ss, idx, ',');
    std::getline(ss, value, ',');
    auto it = index.find(id);
    if (it == index.end()) {
      it = index.emplace(id, out.size()).first;
      out.push_back({id, {}, {}});
    }
    (kind == "train" ? out[it->second].train : out[it->second].test).push_back(std::stod(value));
  }
  return out;
}

// The R script's seasonal_test(): |r_4| > 1.645/sqrt(n) * sqrt(1 + 2 sum_{k<4} r_k^2).
bool seasonal_test(const std::vector<double>& x) {
  const std::size_t n = x.size();
  if (n < 3 * kM) return false;
  double mean = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(n);
  double c0 = 0;
  for (double v : x) c0 += (v - mean) * (v - mean);
  std::vector<double> r(kM + 1);
  for (int k = 1; k <= kM; ++k) {
    double c = 0;
    for (std::size_t t = static_cast<std::size_t>(k); t < n; ++t) c += (x[t] - mean) * (x[t - k] - mean);
    r[k] = c / c0;
  }
  double s = 0;
  for (int k = 1; k < kM; ++k) s += r[k] * r[k];
  const double lim = 1.6448536269514722 / std::sqrt(static_cast<double>(n)) * std::sqrt(1 + 2 * s);
  return std::fabs(r[kM]) > lim;
}

// Classical multiplicative decomposition indices (stats::decompose), one per observation.
std::vector<double> seasonal_indices(const std::vector<double>& x) {
  const int n = static_cast<int>(x.size());
  std::vector<double> sum(kM, 0.0);
  std::vector<int> cnt(kM, 0);
  for (int t = 2; t < n - 2; ++t) {
    const double tr = (0.5 * x[t - 2] + x[t - 1] + x[t] + x[t + 1] + 0.5 * x[t + 2]) / 4;
    sum[t % kM] += x[t] / tr;
    cnt[t % kM] += 1;
  }
  std::vector<double> fig(kM);
  double mean = 0;
  for (int k = 0; k < kM; ++k) {
    fig[k] = sum[k] / cnt[k];
    mean += fig[k] / kM;
  }
  std::vector<double> si(static_cast<std::size_t>(n + kH));
  for (int t = 0; t < n + kH; ++t) si[t] = fig[t % kM] / mean;
  return si;
}

double smape(const std::vector<double>& y, const std::vector<double>& f) {
  double s = 0;
  for (int h = 0; h < kH; ++h) s += 200 * std::fabs(y[h] - f[h]) / (std::fabs(y[h]) + std::fabs(f[h]));
  return s / kH;
}

double mase(const std::vector<double>& y, const std::vector<double>& f, const std::vector<double>& x) {
  double scale = 0;
  for (std::size_t t = kM; t < x.size(); ++t) scale += std::fabs(x[t] - x[t - kM]);
  scale /= static_cast<double>(x.size() - kM);
  double s = 0;
  for (int h = 0; h < kH; ++h) s += std::fabs(y[h] - f[h]);
  return s / kH / scale;
}

const char* kMethods[] = {"ETS", "SES", "Holt", "Damped"};
constexpr int kNm = 4;

struct Result {
  std::vector<double> f[kNm];
  std::vector<double> lo80[kNm], hi80[kNm], lo95[kNm], hi95[kNm];
  std::string model;
  double aicc = 0, loglik = 0;
  double seconds[kNm] = {};
  bool failed[kNm] = {};
};

void run_one(const Series& s, Result& r, const cf::EtsSelectOptions& opt) {
  cf::ForecastOptions fo{.horizon = kH, .period = kM};
  using clock = std::chrono::steady_clock;
  auto t0 = clock::now();
  try {
    const cf::EtsFit fit = cf::select_ets(s.train, kM, opt);
    const cf::Forecast f = cf::forecast_ets(fit, kH);
    r.f[0] = f.mean;
    r.lo80[0] = f.lower80;
    r.hi80[0] = f.upper80;
    r.lo95[0] = f.lower95;
    r.hi95[0] = f.upper95;
    r.model = cf::format_ets_spec(fit.spec);
    r.aicc = fit.aicc;
    r.loglik = fit.loglik;
  } catch (const std::exception& e) {
    r.failed[0] = true;
    r.model = std::string("error: ") + e.what();
  }
  r.seconds[0] = std::chrono::duration<double>(clock::now() - t0).count();
  // Seasonal adjustment as the R script's deseason().
  const bool seasonal = seasonal_test(s.train);
  std::vector<double> si(s.train.size() + kH, 1.0);
  if (seasonal) si = seasonal_indices(s.train);
  std::vector<double> adj(s.train.size());
  for (std::size_t t = 0; t < s.train.size(); ++t) adj[t] = s.train[t] / si[t];
  // Forecast indices: the last year's indices repeated (rep(tail(si, 4), length.out = h)).
  const std::size_t n = s.train.size();
  for (int m = 1; m < kNm; ++m) {
    t0 = clock::now();
    try {
      cf::Forecast f = m == 1 ? cf::ses(adj, fo) : m == 2 ? cf::holt(adj, fo) : cf::damped_holt(adj, fo);
      for (int h = 0; h < kH; ++h) {
        const double k = si[n - kM + (h % kM)];
        f.mean[h] *= k;
        f.lower80[h] *= k;
        f.upper80[h] *= k;
        f.lower95[h] *= k;
        f.upper95[h] *= k;
      }
      r.f[m] = f.mean;
      r.lo80[m] = f.lower80;
      r.hi80[m] = f.upper80;
      r.lo95[m] = f.lower95;
      r.hi95[m] = f.upper95;
    } catch (const std::exception&) {
      r.failed[m] = true;
    }
    r.seconds[m] = std::chrono::duration<double>(clock::now() - t0).count();
  }
  for (int m = 0; m < kNm; ++m) {
    if (r.failed[m]) {
      r.f[m] = std::vector<double>(kH, s.train.back());  // naive, as R's fallback
      r.lo80[m] = r.hi80[m] = r.lo95[m] = r.hi95[m] = r.f[m];
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: ets_m3 M3.csv [--threads N] [--per-series FILE] [--forecasts FILE] "
                 "[--optimizer nm|nlopt-nm|bobyqa]\n";
    return 2;
  }
  int threads = 2;
  std::string per_series, forecasts;
  cf::EtsSelectOptions opt;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--threads") threads = std::atoi(argv[i + 1]);
    if (a == "--per-series") per_series = argv[i + 1];
    if (a == "--forecasts") forecasts = argv[i + 1];
    if (a == "--optimizer") {
      const std::string o = argv[i + 1];
      opt.fit.optimizer = o == "bobyqa"     ? cf::EtsOptimizer::nlopt_bobyqa
                          : o == "nlopt-nm" ? cf::EtsOptimizer::nlopt_neldermead
                                            : cf::EtsOptimizer::nelder_mead;
    }
  }
  const std::vector<Series> data = read_m3(argv[1]);
  std::vector<Result> res(data.size());
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (std::size_t i = static_cast<std::size_t>(t); i < data.size(); i += static_cast<std::size_t>(threads)) {
        run_one(data[i], res[i], opt);
      }
    });
  }
  for (auto& th : pool) th.join();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  std::printf("%zu series, %d threads, wall %.3f s, process CPU %.3f s (all four methods)\n", data.size(), threads,
              wall, cpu);
  std::printf("%-8s %8s %8s %8s %8s %12s %6s\n", "method", "sMAPE", "MASE", "cov80 %", "cov95 %",
              "sum wall (s)", "fails");
  for (int m = 0; m < kNm; ++m) {
    double s = 0, q = 0, sec = 0;
    int fails = 0, in80 = 0, in95 = 0;
    for (std::size_t i = 0; i < data.size(); ++i) {
      for (int h = 0; h < kH; ++h) {
        const double y = data[i].test[h];
        in80 += (y >= res[i].lo80[m][h] && y <= res[i].hi80[m][h]) ? 1 : 0;
        in95 += (y >= res[i].lo95[m][h] && y <= res[i].hi95[m][h]) ? 1 : 0;
      }
      s += smape(data[i].test, res[i].f[m]);
      q += mase(data[i].test, res[i].f[m], data[i].train);
      sec += res[i].seconds[m];
      fails += res[i].failed[m] ? 1 : 0;
    }
    const double n = static_cast<double>(data.size());
    const double cells = n * kH / 100;
    std::printf("%-8s %8.3f %8.3f %8.1f %8.1f %12.3f %6d\n", kMethods[m], s / n, q / n,
                in80 / cells, in95 / cells, sec, fails);
  }
  if (!per_series.empty()) {
    std::ofstream out(per_series);
    out << "series_id,model,aicc,loglik\n";
    for (std::size_t i = 0; i < data.size(); ++i) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.10g,%.10g", res[i].aicc, res[i].loglik);
      out << data[i].id << ",\"" << res[i].model << "\"," << buf << '\n';
    }
  }
  if (!forecasts.empty()) {
    std::ofstream out(forecasts);
    out << "series_id,method,h,forecast,lower80,upper80,lower95,upper95\n";
    for (int m = 0; m < kNm; ++m) {
      for (std::size_t i = 0; i < data.size(); ++i) {
        for (int h = 0; h < kH; ++h) {
          char buf[160];
          std::snprintf(buf, sizeof buf, "%.15g,%.15g,%.15g,%.15g,%.15g", res[i].f[m][h],
                        res[i].lo80[m][h], res[i].hi80[m][h], res[i].lo95[m][h],
                        res[i].hi95[m][h]);
          out << data[i].id << ',' << kMethods[m] << ',' << h + 1 << ',' << buf << '\n';
        }
      }
    }
  }
  return 0;
}
