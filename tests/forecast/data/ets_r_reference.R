#!/usr/bin/env Rscript
# Writes tests/forecast/data/ets_r_reference.json: R forecast::ets() results on a few
# fixed M3 quarterly series (training parts, and two short prefixes), the reference for tests/forecast/ets_test.cpp.
# Run from the project root:
#   Rscript tests/forecast/data/ets_r_reference.R ../shared/data/m3 > tests/forecast/data/ets_r_reference.json
# For each series: ets(x) (automatic), ets(x, model = FORM) for fixed forms, and
# ses()/holt()/holt(damped = TRUE) (fitted by MSE); each with parameters, the full initial
# state (R's states[1, ], all m seasons), log-likelihood, AIC/AICc/BIC, sigma2 and
# forecast(h = 8) means and 80/95 % bounds.
suppressPackageStartupMessages({library(forecast); library(jsonlite)})
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "../shared/data/m3"
d <- read.csv(file.path(dir, "m3-quarterly-dev.csv"),
              colClasses = c("character", "character", "integer", "numeric"))
meta <- read.csv(file.path(dir, "m3-quarterly-dev-meta.csv"), stringsAsFactors = FALSE)
ids <- c("N0646", "N0936", "N0680", "N0760", "N1010", "N1230")
forms <- list(ANN = list("ANN", FALSE), AAN = list("AAN", FALSE), AAdN = list("AAN", TRUE),
              ANA = list("ANA", FALSE), AAA = list("AAA", FALSE), MNN = list("MNN", FALSE),
              MAdN = list("MAN", TRUE), MNA = list("MNA", FALSE), MNM = list("MNM", FALSE),
              MAM = list("MAM", FALSE), MAdM = list("MAM", TRUE),
              MMN = list("MMN", FALSE), MMdN = list("MMN", TRUE))
# Short prefixes (n < 3m: R starts the seasonal states from a trend + Fourier regression;
# few forms have room for their parameters): automatic selection and ses/holt/damped only.
short <- list(c("N0760", 11), c("N0646", 10))
series_x <- function(id, n = NA) {
  r <- meta[meta$series_id == id, ]
  s <- d[d$series_id == id & d$kind == "train", ]
  s <- s[order(s$index), ]
  x <- ts(s$value, start = c(r$start_year, r$start_quarter), frequency = 4)
  if (is.na(n)) x else ts(x[seq_len(n)], start = start(x), frequency = 4)
}
set.seed(20080101)  # M-trend forms' bounds are simulated by R; stored but not compared
describe <- function(fit, fc) {
  p <- fit$par
  get <- function(nm) if (nm %in% names(p)) unname(p[nm]) else NULL
  list(method = fit$method,
       components = fit$components,
       alpha = get("alpha"), beta = get("beta"), gamma = get("gamma"), phi = get("phi"),
       initstate = unname(as.numeric(fit$states[1, ])),
       loglik = fit$loglik, aic = fit$aic, aicc = fit$aicc, bic = fit$bic,
       sigma2 = fit$sigma2, mse = fit$mse, n_par = length(fit$par),
       mean = as.numeric(fc$mean),
       lower80 = if (is.null(fc$lower)) NULL else as.numeric(fc$lower[, 1]),
       upper80 = if (is.null(fc$upper)) NULL else as.numeric(fc$upper[, 1]),
       lower95 = if (is.null(fc$lower)) NULL else as.numeric(fc$lower[, 2]),
       upper95 = if (is.null(fc$upper)) NULL else as.numeric(fc$upper[, 2]))
}
out <- list(
  generator = "tests/forecast/data/ets_r_reference.R",
  r_version = R.version.string,
  forecast_version = as.character(packageVersion("forecast")),
  horizon = 8L,
  series = c(lapply(ids, function(id) {
    x <- series_x(id)
    a <- ets(x)
    amt <- ets(x, allow.multiplicative.trend = TRUE)
    fixed <- lapply(forms, function(f) {
      fit <- tryCatch(ets(x, model = f[[1]], damped = f[[2]]), error = function(e) NULL)
      if (is.null(fit)) return(NULL)
      describe(fit, forecast(fit, h = 8))
    })
    s <- ses(x, h = 8); h <- holt(x, h = 8); dm <- holt(x, h = 8, damped = TRUE)
    # R's other parameter regions (bounds = "usual", "admissible"; default is "both")
    other_bounds <- list()
    for (b in c("usual", "admissible")) for (f in c("AAN", "MAN", "MAM")) {
      fit <- tryCatch(ets(x, model = f, damped = FALSE, bounds = b), error = function(e) NULL)
      if (!is.null(fit)) other_bounds[[paste(f, b)]] <- c(list(bounds = b), describe(fit, forecast(fit, h = 8)))
    }
    list(id = id, y = as.numeric(x),
         auto = describe(a, forecast(a, h = 8)),
         bounds = other_bounds,
         # with multiplicative trends allowed; R's bounds for M trends are simulated (random)
         auto_mult_trend = describe(amt, forecast(amt, h = 8, PI = FALSE)),
         fixed = fixed[!vapply(fixed, is.null, TRUE)],
         ses = describe(s$model, s), holt = describe(h$model, h), damped = describe(dm$model, dm))
  }), lapply(short, function(sh) {
    n <- as.integer(sh[2])
    x <- series_x(sh[1], n)
    a <- ets(x)
    s <- ses(x, h = 8); h <- holt(x, h = 8); dm <- holt(x, h = 8, damped = TRUE)
    list(id = sprintf("%s[1:%d]", sh[1], n), y = as.numeric(x),
         auto = describe(a, forecast(a, h = 8)),
         # seasonal forms with room for their 6 parameters at n = 11 (Fourier start)
         fixed = if (n >= 11) lapply(forms[c("ANA", "MNA", "MNM")], function(f) {
           fit <- ets(x, model = f[[1]], damped = f[[2]])
           describe(fit, forecast(fit, h = 8))
         }) else setNames(list(), character(0)),
         ses = describe(s$model, s), holt = describe(h$model, h), damped = describe(dm$model, dm))
  })))
cat(toJSON(out, auto_unbox = TRUE, digits = I(17), pretty = TRUE, null = "null"))
