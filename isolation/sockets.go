package isolation

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

// socketCloseReason is the reason both ends of a WebSocket pair get when the frame they were
// made under ends: 1001 (going away) is what a peer sees when a server goes away.
const socketCloseReason = "the isolation scope that opened this WebSocket ended"

var (
	//go:embed js/sockets.js
	socketsSource  string
	socketsProgram = jsrt.MustCompile("dotest:isolation/sockets.js", socketsSource)
)

// trackSockets makes every WebSocketPair that the runtime's code constructs report itself,
// with a function that closes both its ends.
func (s *Stack) trackSockets() error {
	track := func(v goja.Value) {
		closeFn, ok := goja.AssertFunction(v)
		if !ok || len(s.frames) == 0 {
			return
		}
		f := s.top()
		f.sockets = append(f.sockets, func() { _, _ = closeFn(goja.Undefined()) })
	}
	_, err := s.rt.Setup(socketsProgram, s.rt.VM.ToValue(track), s.rt.VM.ToValue(socketCloseReason))
	return err
}
