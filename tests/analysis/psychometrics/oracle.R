# The R oracle of tandem.analysis.psychometrics (tests/analysis/psychometrics/test_against_r.py).
#
# Usage: Rscript oracle.R RESPONSES.csv KEYS.csv K OUT.json
#
# RESPONSES.csv is a response file in Tandem's format with a `language` column, as the
# command line reads it ("dk" and empty cells are missing). KEYS.csv lists item, scale,
# reverse (1 = reverse-keyed). Everything is computed here from the raw answers, with
# R's own functions where they exist: recoding 6 - x, scale scores (mean of the answered
# items when at least two thirds, rounded up, are answered), psych::alpha (complete
# cases: raw_alpha, Feldt interval, r.drop; all cases: the pairwise alpha),
# psych::omega(nfactors = 1, fm = "minres")$omega.tot, ICC(1)/ICC(2) from aov() of the
# scale scores by department (departments with at least K scores), lavaan::cfa with
# group = "language" and group.equal for metric and scalar (fitMeasures chisq, df, cfi,
# rmsea) where nl and en each have at least 200 complete cases, and the ladder check
# (H in its covariance form, Guttman errors in ladder order).
suppressPackageStartupMessages({
  library(psych)
  library(GPArotation)
  library(lavaan)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
raw <- read.csv(args[1], colClasses = "character", na.strings = character(0))
keys <- read.csv(args[2], colClasses = c("character", "character", "integer"))
k <- as.integer(args[3])
out_path <- args[4]

answers <- function(item) {
  v <- suppressWarnings(as.numeric(raw[[item]]))  # "dk" and "" become NA
  rev <- keys$reverse[keys$item == item]
  if (rev == 1) 6 - v else v
}
scales <- unique(keys$scale)
items_of <- function(s) keys$item[keys$scale == s]
matrix_of <- function(s) {
  m <- sapply(items_of(s), answers)
  if (is.null(dim(m))) m <- matrix(m, ncol = 1, dimnames = list(NULL, items_of(s)))
  m
}
score_of <- function(m) {
  answered <- rowSums(!is.na(m))
  need <- max(1, ceiling(ncol(m) * 2 / 3 - 1e-9))
  s <- rowSums(m, na.rm = TRUE) / answered
  s[answered < need] <- NA
  s
}

reliability <- function(m) {
  complete <- m[complete.cases(m), , drop = FALSE]
  out <- list(n = nrow(complete))
  if (ncol(m) < 2) return(out)
  out$n_available <- sum(rowSums(!is.na(m)) > 0)
  pw <- suppressMessages(suppressWarnings(
    psych::alpha(as.data.frame(m), check.keys = FALSE, warnings = FALSE)))
  out$alpha_available <- pw$total$raw_alpha
  if (nrow(complete) < 30) return(out)
  a <- suppressMessages(suppressWarnings(
    psych::alpha(as.data.frame(complete), check.keys = FALSE, warnings = FALSE)))
  out$alpha <- a$total$raw_alpha
  out$feldt_low <- a$feldt$lower.ci$raw_alpha
  out$feldt_high <- a$feldt$upper.ci$raw_alpha
  out$r_drop <- as.list(setNames(a$item.stats$r.drop, colnames(m)))
  if (ncol(m) >= 3) {
    om <- suppressMessages(suppressWarnings(
      psych::omega(as.data.frame(complete), nfactors = 1, fm = "minres", plot = FALSE)))
    out$omega <- om$omega.tot
  }
  out
}

icc <- function(score, department) {
  keep <- !is.na(score) & department != ""
  score <- score[keep]; department <- department[keep]
  sizes <- table(department)
  shown <- names(sizes)[sizes >= k]
  keep <- department %in% shown
  score <- score[keep]; department <- factor(department[keep])
  if (nlevels(department) < 2) return(NULL)
  fit <- summary(aov(score ~ department))[[1]]
  msb <- fit[["Mean Sq"]][1]; msw <- fit[["Mean Sq"]][2]
  n <- length(score); g <- nlevels(department); ng <- as.numeric(table(department))
  k0 <- (n - sum(ng^2) / n) / (g - 1)
  list(icc1 = (msb - msw) / (msb + (k0 - 1) * msw), icc2 = (msb - msw) / msb,
       k0 = k0, n = n, groups = g, left_out = as.list(setdiff(names(sizes), shown)))
}

invariance <- function(s, m) {
  if (ncol(m) < 3) return(NULL)
  d <- as.data.frame(m)
  names(d) <- paste0("x", seq_len(ncol(m)))
  d$language <- raw$language
  d <- d[d$language %in% c("nl", "en"), ]
  d <- d[complete.cases(d), ]
  if (min(table(factor(d$language, levels = c("nl", "en")))) < 200) return(NULL)
  model <- paste("f =~", paste(names(d)[seq_len(ncol(m))], collapse = " + "))
  fits <- list()
  for (level in c("configural", "metric", "scalar")) {
    equal <- switch(level, configural = "", metric = "loadings",
                    scalar = c("loadings", "intercepts"))
    f <- cfa(model, data = d, group = "language", group.equal = equal, estimator = "ML")
    fm <- fitMeasures(f, c("chisq", "df", "cfi", "rmsea"))
    fits[[level]] <- as.list(fm)
    fits[[level]]$converged <- lavInspect(f, "converged")
  }
  fits
}

ladder <- function(pct) {
  ok <- complete.cases(pct)
  x <- (pct[ok, , drop = FALSE] >= 60) * 1
  n <- nrow(x); p <- colMeans(x)
  cv <- cov(x) * (n - 1) / n
  mx <- outer(p, p, pmin) - outer(p, p)
  off <- row(cv) != col(cv)
  errors <- 0; expected <- 0
  for (i in 1:2) for (j in (i + 1):3) {
    errors <- errors + sum(x[, i] == 0 & x[, j] == 1)
    expected <- expected + n * (1 - p[i]) * p[j]
  }
  list(n = n, met_share = as.list(p),
       h = sum(cv[upper.tri(cv)]) / sum(mx[upper.tri(mx)]),
       h_blocks = as.list(rowSums(cv * off) / rowSums(mx * off)),
       guttman_errors = errors, expected_errors = expected,
       perfect_share = mean(x[, 1] >= x[, 2] & x[, 2] >= x[, 3]))
}

result <- list(scales = list(), icc = list(), invariance = list())
percent <- list()
for (s in scales) {
  m <- matrix_of(s)
  entry <- list(overall = reliability(m))
  for (lang in c("nl", "en")) {
    entry[[lang]] <- reliability(m[raw$language == lang, , drop = FALSE])
  }
  result$scales[[s]] <- entry
  score <- score_of(m)
  result$icc[[s]] <- icc(score, raw$department)
  result$invariance[[s]] <- invariance(s, m)
  percent[[s]] <- (score - 1) / 4 * 100
}
result$ladder <- ladder(cbind(percent$DEF, percent$ALI, percent$INT))
result$n <- nrow(raw)
write_json(result, out_path, auto_unbox = TRUE, digits = NA, null = "null", na = "null")
