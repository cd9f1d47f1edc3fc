package main_test

import (
	"bytes"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// bound caps every wait in these tests. It is a failure deadline only: no
// test asserts how long anything takes.
const bound = 60 * time.Second

// freePort returns a loopback port that was free a moment ago.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

// lockedBuffer collects a process's output while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// server is a `stoa serve` subprocess.
type server struct {
	cmd    *exec.Cmd
	output *lockedBuffer // stdout and stderr
	done   chan struct{} // closed when the process has exited
}

// startServe starts stoa with args (which should include "serve"); the
// process is killed when the test ends if it is still running.
func startServe(t *testing.T, env []string, args ...string) *server {
	t.Helper()
	s := &server{cmd: exec.Command(stoaBin, args...), output: &lockedBuffer{}, done: make(chan struct{})}
	s.cmd.Env = append(childEnv(), env...)
	s.cmd.Stdout, s.cmd.Stderr = s.output, s.output
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = s.cmd.Wait(); close(s.done) }()
	t.Cleanup(func() {
		select {
		case <-s.done:
		default:
			_ = s.cmd.Process.Kill()
			<-s.done
		}
	})
	return s
}

func (s *server) exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// waitReady polls GET base/api/v1/instance until it answers 200: INTERFACE.md
// promises it does as soon as the instance is ready.
func (s *server) waitReady(t *testing.T, base string) {
	t.Helper()
	client := &http.Client{Timeout: 5 * time.Second}
	for deadline := time.Now().Add(bound); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if s.exited() {
			t.Fatalf("stoa serve exited early (%s):\n%s", s.cmd.ProcessState, s.output)
		}
		resp, err := client.Get(base + "/api/v1/instance")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
	}
	t.Fatalf("%s/api/v1/instance never answered 200:\n%s", base, s.output)
}

// waitLog waits until the output contains substr.
func (s *server) waitLog(t *testing.T, substr string) {
	t.Helper()
	s.waitLogCount(t, substr, 1)
}

// waitLogCount waits until the output contains substr n times.
func (s *server) waitLogCount(t *testing.T, substr string, n int) {
	t.Helper()
	for deadline := time.Now().Add(bound); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Count(s.output.String(), substr) >= n {
			return
		}
		if s.exited() {
			break
		}
	}
	t.Fatalf("output never showed %q %d times:\n%s", substr, n, s.output)
}

// signal sends sig to the process.
func (s *server) signal(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		t.Fatalf("signal %v: %v", sig, err)
	}
}

// wait waits for the process to exit and returns its exit code.
func (s *server) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-s.done:
		return s.cmd.ProcessState.ExitCode()
	case <-time.After(bound):
		t.Fatalf("stoa serve did not exit:\n%s", s.output)
		return -1
	}
}

// stop sends sig and checks the process exits 0.
func (s *server) stop(t *testing.T, sig syscall.Signal) {
	t.Helper()
	s.signal(t, sig)
	if code := s.wait(t); code != 0 {
		t.Fatalf("exit code %d after %v:\n%s", code, sig, s.output)
	}
}
