# expect: ValueError: incomplete format key
print("%(name)s=%(d" % {"name": "k", "value": 7})
