#!/usr/bin/env python3
"""NumPy reference of cloudcast's engine (src/model/engine.cpp project_path, capex_plan.cpp,
depreciation.cpp, core_baseline.cpp's per-path refit of the core baseline, decision 0750,
and margin_trend.cpp's damped margin trend, decision 0770) vectorised over paths, in
batches; percentiles by np.nanpercentile (a path whose AI statement the history cannot
carry has no value, as in cloudcast). It reads the calibrated state `cloudcast simulate
--dump-model` writes and draws with NumPy's own generator (seed 42).

Usage: simulate_reference.py MODEL_JSON PATHS OUT_JSON
Timed by bench/simulate.sh; tests/e2e/simulate_reference_check.py holds it to `forecast`
with no randomness, so an engine change it does not follow fails a test."""
import json, math, sys
import numpy as np

model = json.load(open(sys.argv[1]))
paths, out_path = int(sys.argv[2]), sys.argv[3]
batch = 100_000
rng = np.random.default_rng(42)
quarters = model["quarters"]
nq = len(quarters)

def q(a):  # annual -> quarterly rate
    return (1.0 + a) ** 0.25 - 1.0

def erf(x):  # Abramowitz & Stegun 7.1.26, |error| < 1.5e-7
    s = np.sign(x); x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-x * x)
    return s * y

def phi(z):
    return 0.5 * (1.0 + erf(z / math.sqrt(2.0)))

def norm_cdf_scalar(x):
    return 0.5 * math.erfc(-x / math.sqrt(2.0))

def from_uniform(d, u):
    """Inverse cdf of a (truncated) distribution at uniforms u."""
    kind = d["dist"]
    lo, hi = d.get("lo"), d.get("hi")
    def raw_cdf(x):
        if kind == "normal":
            return norm_cdf_scalar((x - d["mean"]) / d["sd"]) if d["sd"] > 0 else float(x >= d["mean"])
        if kind == "lognormal":
            return 0.0 if x <= 0 else norm_cdf_scalar((math.log(x) - d["mu"]) / d["sigma"])
        if kind == "triangular":
            a, c, b = d["min"], d["mode"], d["max"]
            if x <= a: return 0.0
            if x >= b: return 1.0
            return (x - a) ** 2 / ((b - a) * (c - a)) if x <= c else 1 - (b - x) ** 2 / ((b - a) * (b - c))
        if kind == "uniform":
            return min(max((x - d["min"]) / (d["max"] - d["min"]), 0.0), 1.0)
    f_lo = raw_cdf(lo) if lo is not None else 0.0
    f_hi = raw_cdf(hi) if hi is not None else 1.0
    u = f_lo + u * (f_hi - f_lo)
    if kind in ("normal", "lognormal"):
        z = norm_ppf(u)
        x = d["mean"] + d["sd"] * z if kind == "normal" else np.exp(d["mu"] + d["sigma"] * z)
    elif kind == "triangular":
        a, c, b = d["min"], d["mode"], d["max"]
        fc = (c - a) / (b - a)
        x = np.where(u < fc, a + np.sqrt(u * (b - a) * (c - a)), b - np.sqrt((1 - u) * (b - a) * (b - c)))
    else:
        x = d["min"] + (d["max"] - d["min"]) * u
    return np.clip(x, lo if lo is not None else -np.inf, hi if hi is not None else np.inf)

def norm_ppf(u):  # Acklam's rational approximation with one Newton step on erf above
    a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
    c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    dd = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    u = np.asarray(u, dtype=float)
    x = np.empty_like(u)
    low, high = u < 0.02425, u > 1 - 0.02425
    mid = ~(low | high)
    qm = u[mid] - 0.5; r = qm * qm
    x[mid] = (((((a[0]*r+a[1])*r+a[2])*r+a[3])*r+a[4])*r+a[5])*qm / (((((b[0]*r+b[1])*r+b[2])*r+b[3])*r+b[4])*r+1)
    ql = np.sqrt(-2 * np.log(u[low]))
    x[low] = (((((c[0]*ql+c[1])*ql+c[2])*ql+c[3])*ql+c[4])*ql+c[5]) / ((((dd[0]*ql+dd[1])*ql+dd[2])*ql+dd[3])*ql+1)
    qh = np.sqrt(-2 * np.log(1 - u[high]))
    x[high] = -(((((c[0]*qh+c[1])*qh+c[2])*qh+c[3])*qh+c[4])*qh+c[5]) / ((((dd[0]*qh+dd[1])*qh+dd[2])*qh+dd[3])*qh+1)
    return x

companies = model["companies"]
names = [(ci, k) for ci, c in enumerate(companies) for k in c["distributions"]]
full = [f'{companies[ci]["id"]}.{k}' for ci, k in names]
corr_names = model["correlation"]["drivers"]
corr = np.array(model["correlation"]["values"]).reshape(len(corr_names), len(corr_names)) if corr_names else None
chol = np.linalg.cholesky(corr) if corr_names else None
corr_index = [full.index(n) for n in corr_names]

def draw(p):
    """Driver values per company: dict name -> array (p,) or scalar."""
    u = rng.random((p, len(full)))
    if corr_names:
        z = norm_ppf(u[:, corr_index]) @ chol.T
        u[:, corr_index] = phi(z)
    values = []
    for ci, c in enumerate(companies):
        d = {k: (np.nan if v is None else v) for k, v in c["drivers"].items()}
        values.append(d)
    for col, (ci, k) in enumerate(names):
        values[ci][k] = from_uniform(companies[ci]["distributions"][k], np.clip(u[:, col], 1e-12, 1 - 1e-12))
    return values

def plan_capex(c, d, p):
    n, t = c["timeline_size"], c["t"]
    rep = c["reported_capex"]
    def reported_at(j):
        return 0 <= j <= t and j < len(rep) and rep[j] is not None
    out = np.zeros((p, n)); basis = ["none"] * n
    first = None
    for j in range(n):
        if reported_at(j):
            out[:, j] = rep[j]; basis[j] = "reported"
            if first is None: first = j
    run_rate = np.broadcast_to(d["capex_run_rate"], (p,))
    if first is None and np.all(run_rate > 0):
        for j in range(max(0, t - 3), min(t, n - 1) + 1):
            out[:, j] = run_rate; basis[j] = "estimate"
        first = max(0, t - 3)
    commitment = np.broadcast_to(d["capex_commitment"], (p,))
    if np.all(commitment > 0):
        window = int(round(float(np.mean(d["capex_window"]))))
        w0 = c["capex_start_index"]
        js = [j for j in range(max(w0, 0), min(w0 + window, n))]
        spent = sum(rep[j] for j in js if reported_at(j))
        open_js = [j for j in js if not reported_at(j)]
        k = len(open_js)
        if c["capex_phasing"] == "flat":
            w = np.ones(k)
        elif c["capex_phasing"] == "front_loaded":
            w = np.arange(k, 0, -1, dtype=float)
        else:
            ew = c["capex_weights"]
            w = np.array([ew[j - w0] if j - w0 < len(ew) else 0.0 for j in open_js])
        w = w / w.sum() if w.sum() > 0 else np.ones(k) / k
        remaining = np.maximum(0.0, commitment - spent)
        for i, j in enumerate(open_js):
            out[:, j] = remaining * w[i]; basis[j] = "estimate" if j <= t else "plan"
    if np.all(np.broadcast_to(d["use_guidance"], (p,)) >= 0.5):
        # Guidance: a guided window's open quarters share what the others left, flat.
        for guide in c["capex_guides"]:
            js = range(max(guide["first"], 0), min(guide["last"], n - 1) + 1)
            open_js = [j for j in js if basis[j] == "none"]
            if not open_js: continue
            taken = sum((out[:, j] for j in js if basis[j] != "none"), np.zeros(p))
            each = np.maximum(0.0, guide["total"] - taken) / len(open_js)
            for j in open_js:
                out[:, j] = each; basis[j] = "guidance"
            if first is None or guide["first"] < first: first = max(guide["first"], 0)
    g = np.broadcast_to(q(d["capex_growth"]), (p,))
    for j in range(n):
        if basis[j] != "none": continue
        if j <= t:
            if first is not None and j > first:
                out[:, j] = out[:, j - 1]; basis[j] = "estimate"
            continue
        out[:, j] = out[:, j - 1] * (1 + g) if j > 0 else 0.0
        basis[j] = "plan"
    return out

def windowed(cum, m, width):
    """sum of x[j] for j in (m - width, m], from cum = cumsum with a leading 0."""
    hi = np.clip(m + 1, 0, cum.shape[1] - 1)
    lo = np.clip(m + 1 - width, 0, cum.shape[1] - 1)
    rows = np.arange(cum.shape[0])
    return np.where(m >= 0, cum[rows, hi] - cum[rows, lo], 0.0)

def straight_line(capex, m, life):
    """sum_j capex[j] K(m - j) with K(k) = (min(k+1, L) - min(k, L)) / L (engine's kernel)."""
    p, n = capex.shape
    cum = np.concatenate([np.zeros((p, 1)), np.cumsum(capex, axis=1)], axis=1)
    f = np.floor(life - 1e-12).astype(int)
    full = windowed(cum, m, f)
    rows = np.arange(p)
    jf = m - f
    tail = np.where((jf >= 0) & (jf < n), capex[rows, np.clip(jf, 0, n - 1)], 0.0)
    return (full + (life - f) * tail) / life

def runoff(L, t):
    return np.where(t >= L, L / 2, t - t * t / (2 * L))

Z95 = 1.959963984540054

def bc(x, p):
    return np.broadcast_to(np.asarray(x, dtype=float), (p,))

def core_refit(c, d, p):
    """The core baseline at each path's AI statement (core_baseline.cpp): s_T, the back-cast,
    shrunk seasonal factors, the log-linear trend of the last 8 adjusted quarters; returns
    the level and sd per unit of (1 - s_T), the seasonal ratio S(T+h)/S(T), s_T per unit of
    ai_share, and the paths whose core history is not positive somewhere."""
    R = np.array(c["revenue_history"], dtype=float)
    n, H = len(R), c["horizon"]
    g = (1 + bc(d["ai_volume_growth"], p)) * (1 + bc(d["ai_price_change"], p)) - 1
    share = bc(d["ai_share"], p)
    k = c["ai_share_quarters_after_statement"]
    if not k:
        s_t = share
    else:
        rg = g if c["revenue_growth"] is None else c["revenue_growth"]
        s_t = np.minimum(0.95, share * ((1 + g) / (1 + rg)) ** (k / 4.0))
    scale = np.where(share > 0, s_t / np.where(share > 0, share, 1.0), 1.0)
    t = np.arange(n) - (n - 1)
    core = R[None, :] - (s_t * R[-1])[:, None] * (1 + g)[:, None] ** (t[None, :] / 4.0)
    bad = np.any(~(core > 0), axis=1)
    core = np.where(bad[:, None], R[None, :], core)  # any positive stand-in; those paths get NaN
    quarter = (c["history_first_quarter_of_year"] + np.arange(n)) % 4
    shrunk = np.zeros((p, 4))
    if n >= 6:
        i = np.arange(2, n - 2)
        ma = (0.5 * core[:, i - 2] + core[:, i - 1] + core[:, i] + core[:, i + 1] + 0.5 * core[:, i + 2]) / 4
        r = np.log(core[:, i] / ma)
        mean, years, squares, count, groups = np.zeros((p, 4)), [0] * 4, np.zeros(p), 0, 0
        for qq in range(4):
            sel = quarter[i] == qq
            years[qq] = int(sel.sum())
            if years[qq] == 0: continue
            mean[:, qq] = r[:, sel].mean(axis=1)
            squares += ((r[:, sel] - mean[:, qq:qq + 1]) ** 2).sum(axis=1)
            count += years[qq]; groups += 1
        if count - groups > 0:
            var = squares / (count - groups)
            for qq in range(4):
                if years[qq] == 0: continue
                m2, se2 = mean[:, qq] ** 2, var / years[qq]
                total = m2 + se2
                shrunk[:, qq] = np.where(total > 0, m2 / np.where(total > 0, total, 1.0), 0.0) * mean[:, qq]
    factor = np.exp(shrunk - shrunk.mean(axis=1, keepdims=True))
    adjusted = core / factor[:, quarter]
    m = min(n, 8)
    y = np.log(adjusted[:, n - m:])
    tt = np.arange(m) - (m - 1) / 2.0
    y_mean = y.mean(axis=1, keepdims=True)
    slope = (y - y_mean) @ tt / (tt @ tt)
    resid = y - (y_mean + slope[:, None] * tt)
    s = np.sqrt((resid ** 2).sum(axis=1) / (m - 2)) if m > 2 else np.zeros(p)
    h = np.arange(1, H + 1)
    qt = c["last_quarter_of_year"]
    future = factor[:, (qt + h) % 4]
    mu = np.log(adjusted[:, -1])[:, None] + slope[:, None] * h
    spread = s[:, None] * np.sqrt(h)
    per_unit = (1 - s_t)[:, None]
    level = np.exp(mu) * future / per_unit
    sd = np.maximum(0.0, (np.exp(mu + Z95 * spread) - np.exp(mu - Z95 * spread)) * future / (2 * Z95)) / per_unit
    ratio = future / factor[:, [qt]]
    return level, sd, ratio, scale, bad

def project(c, d, shocks, p):
    n, t, H = c["timeline_size"], c["t"], c["horizon"]
    w0 = t - 3
    lag = np.rint(np.clip(np.broadcast_to(d["in_service_lag"], (p,)), 0, 8)).astype(int)
    capex = plan_capex(c, d, p) * np.broadcast_to(d["capex_cloud_share"], (p,))[:, None]
    j = np.arange(n)[None, :]
    old = (j + lag[:, None]) <= t
    old_capex, new_capex = np.where(old, capex, 0.0), np.where(old, 0.0, capex)
    life_old = 4 * np.broadcast_to(d["reported_useful_life"], (p,)).astype(float)
    life_new = 4 * np.broadcast_to(d["useful_life"], (p,)).astype(float)
    span_old, span_new = np.ceil(life_old - 1e-9).astype(int), np.ceil(life_new - 1e-9).astype(int)
    cum_old = np.concatenate([np.zeros((p, 1)), np.cumsum(old_capex, axis=1)], axis=1)
    cum_new = np.concatenate([np.zeros((p, 1)), np.cumsum(new_capex, axis=1)], axis=1)
    vc_base = c["variable_cost_ratio_calibrated"] if np.all(np.isnan(d["variable_cost_ratio"])) else d["variable_cost_ratio"]
    cc_base = c["capacity_cost_ratio_calibrated"] if np.all(np.isnan(d["capacity_cost_ratio"])) else d["capacity_cost_ratio"]
    vc = np.clip(vc_base + d["variable_cost_ratio_change"], 0, 1)
    cc = np.clip(cc_base + d["capacity_cost_ratio_change"], 0, 1)
    v, pr = q(d["ai_volume_growth"]), q(d["ai_price_change"])
    shift = q(d["core_growth_shift"])
    base_level, base_sd, ratio, scale, bad = core_refit(c, d, p)
    ai_share = np.minimum(0.95, d["ai_share"] * scale)
    ai0 = ai_share * c["last_revenue"]
    capacity0 = ai0 / d["ai_initial_utilization"]
    per_unit = d["ai_capacity_turnover"] / 4 * d["ai_capex_share"]
    core_g = q(d["core_growth"])
    level_shift = 1 + d["core_level_shift"]
    # The baseline error: the random walk at the calibrated sd, scaled to the path's.
    sd_cal = np.array(c["baseline_sd"])
    level = np.maximum(0.0, base_level + shocks * np.where(sd_cal > 0, base_sd / np.where(sd_cal > 0, sd_cal, 1), 1.0))
    # Per projected quarter: vintages, AI capacity's new gross, existing base.
    quarters = []
    for h in range(1, H + 1):
        i = t + h
        kk = i - w0
        m = i - lag
        gross_new = windowed(cum_new, m, span_new)
        gross_old = windowed(cum_old, m, span_old)
        dep_vint = straight_line(old_capex, m, life_old) + straight_line(new_capex, m, life_new)
        gross = c["existing_gross"] * np.maximum(0.0, 1 - (kk + 0.5) / life_old) + gross_old + gross_new
        dep = c["existing_gross"] * (runoff(life_old, kk + 1.0) - runoff(life_old, float(kk))) / life_old + dep_vint
        quarters.append((gross_new, gross, dep))
    def core_level(h, core_path):
        return level[:, h - 1] if c["core_from_baseline"] else c["last_revenue"] * core_path * ratio[:, h - 1]
    # The backlog anchor: one factor on the core so revenue over h = 1..4 is the anchor.
    anchor = np.ones(p)
    if c["backlog_revenue"] is not None:
        nh = min(4, H)
        core_sum, ai_sum = np.zeros(p), np.zeros(p)
        dm, pc, cg, sg = ai0 * np.ones(p), np.ones(p), np.ones(p), np.ones(p)
        for h in range(1, nh + 1):
            dm = dm * (1 + v); pc = pc * (1 + pr); cg = cg * (1 + core_g); sg = sg * (1 + shift)
            core_sum = core_sum + (1 - ai_share) * core_level(h, cg) * level_shift * sg
            ai_sum = ai_sum + pc * np.minimum(dm, d["max_utilization"] * (capacity0 + per_unit * quarters[h - 1][0]))
        anchor = np.where(core_sum > 0, np.maximum(0.0, (c["backlog_revenue"] * nh / 4 - ai_sum) / np.where(core_sum > 0, core_sum, 1)), 1.0)
    guide = c["revenue_guide"] if np.all(np.broadcast_to(d["use_guidance"], (p,)) >= 0.5) else []
    ref_share = c["reference_fixed_share"]
    discipline = d["cost_discipline"]
    # The margin trend (decision 0770): the other costs fall by trend x (phi + ... + phi^h)
    # of revenue, phi^h and the sum as running products, as project_path keeps them.
    margin_trend, damping = c["margin_trend"], d["margin_trend_damping"]
    damping_power, trend_factor = 1.0, 0.0
    demand, price, shift_path, core_path, guided = ai0 * np.ones(p), np.ones(p), np.ones(p), np.ones(p), np.ones(p)
    res = {}
    for k in ("revenue", "operating_income", "operating_margin", "free_cash_flow"):
        res[k] = np.empty((p, H))
    for h in range(1, H + 1):
        i = t + h
        gross_new, gross, dep = quarters[h - 1]
        demand = demand * (1 + v); price = price * (1 + pr)
        core_path = core_path * (1 + core_g); shift_path = shift_path * (1 + shift)
        core = (1 - ai_share) * core_level(h, core_path) * level_shift * anchor * shift_path * guided
        capacity = capacity0 + per_unit * gross_new
        ai = price * np.minimum(demand, d["max_utilization"] * capacity)
        if h - 1 < len(guide) and guide[h - 1] is not None:
            met = guide[h - 1] - ai > 0
            guided = np.where(met, guided * (guide[h - 1] - ai) / core, guided)
            core = np.where(met, guide[h - 1] - ai, core)
        revenue = core + ai
        absorbed = discipline * (ref_share[h - 1] - c["fixed_cost_share"]) * revenue if ref_share else 0.0
        damping_power = damping_power * damping
        trend_factor = trend_factor + damping_power
        trend = margin_trend * trend_factor * revenue
        oi = revenue - np.maximum(0.0, vc * revenue - absorbed - trend) - cc * gross - dep
        for key, x in (("revenue", revenue), ("operating_income", oi), ("operating_margin", oi / revenue),
                       ("free_cash_flow", oi + dep - capex[:, i])):
            res[key][:, h - 1] = np.where(bad, np.nan, x)
    return res

metrics = ["revenue", "operating_income", "operating_margin", "free_cash_flow"]
kept = {(c["id"], m): np.empty((paths, c["horizon"]), dtype=np.float32) for c in companies for m in metrics}
for start in range(0, paths, batch):
    p = min(batch, paths - start)
    values = draw(p)
    for ci, c in enumerate(companies):
        H = c["horizon"]
        sd = np.array(c["baseline_sd"]) if model["baseline_error"] else np.zeros(H)
        inc = np.sqrt(np.maximum(0.0, np.diff(np.concatenate([[0.0], sd ** 2]))))
        shocks = np.cumsum(rng.standard_normal((p, H)) * inc, axis=1)
        res = project(c, values[ci], shocks, p)
        for m in metrics:
            kept[(c["id"], m)][start:start + p] = res[m]
result = {"paths": paths, "companies": []}
for c in companies:
    entry = {"id": c["id"], "metrics": {}}
    for m in metrics:
        x = kept[(c["id"], m)].astype(np.float64)
        entry["metrics"][m] = {"mean": np.nanmean(x, axis=0).tolist(),
                               "P5": np.nanpercentile(x, 5, axis=0).tolist(),
                               "P50": np.nanpercentile(x, 50, axis=0).tolist(),
                               "P95": np.nanpercentile(x, 95, axis=0).tolist()}
    result["companies"].append(entry)
json.dump(result, open(out_path, "w"))
