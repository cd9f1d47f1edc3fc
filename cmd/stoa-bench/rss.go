package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// rssInterval is how often the server's VmRSS is sampled during a run.
const rssInterval = 50 * time.Millisecond

// readRSS returns VmRSS of process pid in kB, from /proc/PID/status.
func readRSS(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:")
		if !ok {
			continue
		}
		fields := strings.Fields(rest) // "12345 kB"
		if len(fields) == 0 {
			break
		}
		return strconv.ParseInt(fields[0], 10, 64)
	}
	return 0, fmt.Errorf("/proc/%d/status has no VmRSS", pid)
}

// rssSampler samples a process's VmRSS: once at start (idle, before the
// scenario sends anything), then every rssInterval until stop (the peak).
//
// It also takes the server's CPU time at start and stop.
type rssSampler struct {
	pid  int
	idle int64
	peak int64
	cpu0 time.Duration
	mu   sync.Mutex
	done chan struct{}
	wg   sync.WaitGroup
}

// startRSS takes the idle sample and starts sampling; pid 0 samples nothing.
func startRSS(pid int) (*rssSampler, error) {
	s := &rssSampler{pid: pid, done: make(chan struct{})}
	if pid == 0 {
		return s, nil
	}
	idle, err := readRSS(pid)
	if err != nil {
		return nil, fmt.Errorf("--pid %d: %w", pid, err)
	}
	s.idle, s.peak = idle, idle
	s.cpu0, _ = processCPU(pid)
	s.wg.Add(1)
	go s.loop()
	return s, nil
}

func (s *rssSampler) loop() {
	defer s.wg.Done()
	t := time.NewTicker(rssInterval)
	defer t.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-t.C:
			s.sample()
		}
	}
}

func (s *rssSampler) sample() {
	kb, err := readRSS(s.pid)
	if err != nil {
		return // the process may have exited; keep what we have
	}
	s.mu.Lock()
	s.peak = max(s.peak, kb)
	s.mu.Unlock()
}

// stop ends sampling (with one last sample) and writes the figures to r:
// RSS idle and peak, and server_cpu_s, the CPU time the server used
// meanwhile.
func (s *rssSampler) stop(r *Result) {
	if s.pid == 0 {
		return
	}
	close(s.done)
	s.wg.Wait()
	s.sample()
	r.RSSIdleKB, r.RSSPeakKB = s.idle, s.peak
	if cpu, err := processCPU(s.pid); err == nil {
		r.set("server_cpu_s", round((cpu-s.cpu0).Seconds(), 2))
	}
}

// phase starts measuring the server's CPU time over one phase of a
// scenario (the measured one, without setup); the returned func ends it
// and records server_cpu_phase_s in r. Without a pid it records nothing.
func (s *rssSampler) phase(r *Result) func() {
	if s.pid == 0 {
		return func() {}
	}
	start, err := processCPU(s.pid)
	return func() {
		if end, err2 := processCPU(s.pid); err == nil && err2 == nil {
			r.set("server_cpu_phase_s", round((end-start).Seconds(), 2))
		}
	}
}
