package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress draws a one-line progress bar on a terminal stream, redrawn at
// most every 200 ms. Not safe for concurrent use.
type progress struct {
	w     io.Writer
	label string
	total int64
	done  int64
	start time.Time
	drawn time.Time
	shown int64 // done when last drawn
}

func newProgress(w io.Writer, label string, total int) *progress {
	if w == nil {
		w = io.Discard
	}
	return &progress{w: w, label: label, total: int64(total), start: time.Now()}
}

// add counts n more items done.
func (p *progress) add(n int) {
	p.done += int64(n)
	if time.Since(p.drawn) >= 200*time.Millisecond {
		p.draw()
	}
}

// finish draws the final state (unless on screen already) and ends the line.
func (p *progress) finish() {
	if p.shown != p.done || p.drawn.IsZero() {
		p.draw()
	}
	fmt.Fprintln(p.w)
}

func (p *progress) draw() {
	p.drawn, p.shown = time.Now(), p.done
	const width = 30
	frac := 1.0
	if p.total > 0 {
		frac = min(float64(p.done)/float64(p.total), 1)
	}
	filled := int(frac * width)
	rate := float64(p.done) / max(time.Since(p.start).Seconds(), 1e-3)
	fmt.Fprintf(p.w, "\r%-10s [%s%s] %3.0f%% %d/%d  %.0f/s  %v ", p.label,
		strings.Repeat("#", filled), strings.Repeat("-", width-filled), frac*100,
		p.done, p.total, rate, time.Since(p.start).Round(100*time.Millisecond))
}
