#!/usr/bin/env Rscript
# R's side of tools/ets_m3: forecast(ets(x)), and ses()/holt()/holt(damped = TRUE) on the
# seasonally adjusted series, exactly as ../shared/bench/m3-r-baseline.R defines them
# (its functions are reused), on the M3 quarterly dev set. Writes OUTDIR/r-forecasts.csv
# (series_id,method,h,forecast and, for ETS, lower80,upper80,lower95,upper95) and OUTDIR/r-ets-series.csv (series_id,model,aicc,loglik).
#   Rscript tools/ets_m3_r.R [OUTDIR] [M3DIR]        (defaults: ets-m3-r, ../shared/data/m3)
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
ets_out <- if (length(args) >= 1) args[1] else "ets-m3-r"
m3_dir <- if (length(args) >= 2) args[2] else "../shared/data/m3"
script <- file.path(dirname(m3_dir), "..", "bench", "m3-r-baseline.R")
src <- readLines(script)
# the baseline script's definitions (data reader, deseason(), methods), without its main
# part; they set out_dir, data_dir, ... (ours are ets_out, m3_dir)
eval(parse(text = src[1:(grep("^series <- read_m3", src) - 1)]))
data_dir <- m3_dir
set_name <- "dev"
series <- read_m3(data_dir)
dir.create(ets_out, showWarnings = FALSE, recursive = TRUE)
rows <- list()
per_series <- list()
for (mt in c("ETS", "SES", "Holt", "Damped")) {
  t0 <- proc.time()[["elapsed"]]
  for (s in series) {
    if (mt == "ETS") {
      # forecast(ets(x)) with its 80/95 % bounds (the means equal the baseline's PI = FALSE)
      fc <- forecast(ets(s$x), h = H)
      f <- as.numeric(fc$mean)
      b <- list(fc$lower[, 1], fc$upper[, 1], fc$lower[, 2], fc$upper[, 2])
    } else {
      f <- as.numeric(methods[[mt]](s$x, H))
      b <- rep(list(rep(NA_real_, H)), 4)
    }
    rows[[length(rows) + 1]] <- data.frame(
      series_id = s$id, method = mt, h = seq_len(H), forecast = sprintf("%.15g", f),
      lower80 = sprintf("%.15g", b[[1]]), upper80 = sprintf("%.15g", b[[2]]),
      lower95 = sprintf("%.15g", b[[3]]), upper95 = sprintf("%.15g", b[[4]]))
  }
  cat(sprintf("%-7s %7.2f s\n", mt, proc.time()[["elapsed"]] - t0))
}
for (s in series) {
  fit <- ets(s$x)
  per_series[[length(per_series) + 1]] <- data.frame(
    series_id = s$id, model = fit$method, aicc = sprintf("%.10g", fit$aicc),
    loglik = sprintf("%.10g", fit$loglik))
}
write.csv(do.call(rbind, rows), file.path(ets_out, "r-forecasts.csv"), row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, per_series), file.path(ets_out, "r-ets-series.csv"), row.names = FALSE, quote = TRUE)
cat("wrote", file.path(ets_out, c("r-forecasts.csv", "r-ets-series.csv")), sep = "\n")
