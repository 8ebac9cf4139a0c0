# json as tutorials use it (aiohttp's response.json() parses the same way).
import json

doc = json.loads('{"id": 1, "title": "delectus", "done": false, "tags": ["a", "b"], "owner": null}')
print(doc)
print(doc["title"], doc["tags"][1], doc["done"] is False, doc["owner"] is None)
print(json.loads('[1, -2.5, 1e3, 2E-2, "\\u00e9\\n"]'))
print(json.loads("[NaN, Infinity, -Infinity]"))
print(json.dumps({"b": [1, 2.5, None, True], "a": "é"}))
print(json.dumps([float("nan"), float("inf"), -float("inf")]))
print(json.dumps({"k": "v"}, indent=2))
for bad in ["", "[1,", "{'a': 1}", "[1] x", "nul"]:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print("JSONDecodeError:", e)
    except ValueError as e:
        print("ValueError:", e)
print(json.dumps({"user": {"id": 7, "roles": ["admin", "dev"], "empty": [], "meta": {}}}, indent=4))
print(json.dumps({"b": 1, "a": 2, "c": {"z": 0, "y": 1}}, sort_keys=True))
print(json.dumps({1: "int", 2.5: "float", True: "bool", None: "none"}))
print(json.dumps(["é", "😀", "tab\there", "\x08\x0c\x7f"]))
print(json.dumps(["é", "😀"], ensure_ascii=False))
print(json.loads(json.dumps({"round": [1, 2.5, "trip", None]})))
try:
    json.dumps({(1, 2): "tuple key"})
except TypeError as e:
    print("TypeError:", e)
try:
    json.dumps({1, 2})
except TypeError as e:
    print("TypeError:", e)
print(issubclass(json.JSONDecodeError, ValueError))
json.loads("[1, 2")
