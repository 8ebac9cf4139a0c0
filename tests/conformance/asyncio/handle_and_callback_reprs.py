# How handles and futures name their callbacks (CPython's _format_callback_source):
# a plain function with where it is defined, a method or builtin without; a cancelled
# handle names none.
import asyncio


def on_done(fut):
    pass


class Watcher:
    def seen(self, fut):
        pass


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(on_done)
    print(fut)
    fut.add_done_callback(Watcher().seen)
    print(fut)
    fut.add_done_callback(lambda f: None)
    print(fut)
    print(loop.call_soon(on_done, 1))
    later = loop.call_later(1, print, 'never')
    print(later)
    later.cancel()
    print(later)
    soon = loop.call_soon(print, 'never either')
    soon.cancel()
    print(soon)


asyncio.run(main())
