"""The OSError family network code catches (ConnectionResetError, BrokenPipeError
...), and OSError(errno, msg) becoming the subclass for its errno."""
import asyncio

for args in [(2, "No such file"), (17, "exists"), (13, "denied"), (110, "timed out"), (111, "refused"),
             (104, "reset"), (32, "broken pipe"), (999, "other"), ("x", "y"), (2,), (2, "f", "name.txt")]:
    e = OSError(*args)
    print(type(e).__name__, e, e.args, e.errno, e.strerror, repr(e))
print(type(FileNotFoundError(17, "x")).__name__, isinstance(OSError(2, "x"), FileNotFoundError))
print([c.__name__ for c in ConnectionResetError.__mro__], issubclass(BrokenPipeError, ConnectionError))
print(issubclass(TabError, SyntaxError), issubclass(ResourceWarning, Warning), SystemError.__mro__[1].__name__)

attempts = 0


async def send(data: bytes) -> int:
    global attempts
    attempts += 1
    await asyncio.sleep(0.1)
    if attempts == 1:
        raise ConnectionResetError(104, "Connection reset by peer")
    if attempts == 2:
        raise BrokenPipeError(32, "Broken pipe")
    if attempts == 3:
        raise OSError(111, "Connection refused")
    return len(data)


async def main():
    while True:
        try:
            n = await send(b"payload")
            print(f"sent {n} bytes after {attempts} attempts")
            return
        except (ConnectionResetError, BrokenPipeError) as e:
            print(f"retrying after {type(e).__name__}: {e}")
        except ConnectionError as e:
            print(f"connection error {e.errno}: {e.strerror} ({type(e).__name__})")


asyncio.run(main())
