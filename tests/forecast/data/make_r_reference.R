#!/usr/bin/env Rscript
# Writes tests/forecast/data/r_reference.json: R forecast-package values on a few fixed
# series, which tests/forecast/*_test.cpp compare cloudcast against.
# Run from the project root:  Rscript tests/forecast/data/make_r_reference.R
suppressPackageStartupMessages({ library(forecast); library(jsonlite) })
d <- read.csv("../shared/data/m3/m3-quarterly-dev.csv", colClasses = c("character", "character", "integer", "numeric"))
train <- function(id) { s <- d[d$series_id == id & d$kind == "train", ]; s$value[order(s$index)] }
# A hand-made short seasonal series and three M3 training parts (a trending micro
# series, two seasonal ones, a non-seasonal one).
series <- list(
  hand = c(112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135),
  N0646 = train("N0646"), N0740 = train("N0740"), N0670 = train("N0670"), N0700 = train("N0700"))
H <- 8
acf4 <- function(x) as.numeric(acf(x, lag.max = 4, plot = FALSE)$acf)[-1]
out <- list(r_version = R.version.string, forecast_version = as.character(packageVersion("forecast")),
            generated_by = "tests/forecast/data/make_r_reference.R", series = list())
for (id in names(series)) {
  y <- ts(series[[id]], frequency = 4)
  th <- thetaf(y, h = H)
  se <- ses(y, h = H)
  dm <- holt(y, h = H, damped = TRUE)
  ho <- holt(y, h = H)
  dc <- decompose(y, type = "multiplicative")
  out$series[[id]] <- list(
    y = as.numeric(y),
    acf = acf4(y),
    seasonal_figure = as.numeric(dc$figure),
    theta = list(mean = as.numeric(th$mean), lower80 = as.numeric(th$lower[, 1]), upper80 = as.numeric(th$upper[, 1]),
                 lower95 = as.numeric(th$lower[, 2]), upper95 = as.numeric(th$upper[, 2]), alpha = unname(th$model$alpha)),
    ses = list(mean = as.numeric(se$mean), lower95 = as.numeric(se$lower[, 2]), alpha = unname(se$model$par["alpha"]),
               mse = se$model$mse),
    holt = list(mean = as.numeric(ho$mean), mse = ho$model$mse),
    damped = list(mean = as.numeric(dm$mean), mse = dm$model$mse, phi = unname(dm$model$par["phi"])),
    naive = list(mean = as.numeric(naive(y, h = H)$mean), lower95 = as.numeric(naive(y, h = H)$lower[, 2])),
    snaive = list(upper80 = as.numeric(snaive(y, h = H)$upper[, 1])),
    drift = list(mean = as.numeric(rwf(y, h = H, drift = TRUE)$mean), lower95 = as.numeric(rwf(y, h = H, drift = TRUE)$lower[, 2])))
}
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "tests/forecast/data/r_reference.json")
