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

// trackSockets makes every WebSocketPair that the runtime's code constructs report its two
// ends to the frame it was made under, which closes them when it pops. They close through the
// engine, so that an object that accepted one end forgets it first: the client's answering
// close must not wake the object inside the next test's frame.
func (s *Stack) trackSockets() error {
	track := func(ends ...goja.Value) {
		if len(s.frames) == 0 {
			return
		}
		f := s.top()
		f.sockets = append(f.sockets, func() {
			for _, ws := range ends {
				// An end never accepted, already closed or handed over in a Response refuses
				// to close and has nothing to close.
				_ = s.e.CloseWebSocket(ws, 1001, socketCloseReason)
			}
		})
	}
	_, err := s.rt.Setup(socketsProgram, s.rt.VM.ToValue(track))
	return err
}
