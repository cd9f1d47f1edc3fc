// Package browsertest holds no code, only tests that drive Stoa's HTML
// pages (OAuth sign-in and consent, profiles, web sign-in and the
// community form) with a real headless Chromium through chromedp. Keeping
// them here keeps chromedp out of every other package's test binary and
// out of the stoa binary.
//
// The tests skip when no chromium binary is found; .ci/run installs it.
package browsertest
