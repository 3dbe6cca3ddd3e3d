package benchcmp

import (
	"syscall"
	"time"
	"unsafe"
)

// cpuTime is the process's CPU time so far, from
// clock_gettime(CLOCK_PROCESS_CPUTIME_ID): nanosecond resolution, so that
// one call's CPU time can be told apart (getrusage may count in ticks).
func cpuTime() time.Duration {
	const clockProcessCPUTimeID = 2
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockProcessCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
