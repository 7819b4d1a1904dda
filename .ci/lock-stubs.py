# Adds package-lock entries for optional platform packages that this registry mirror does not carry
# (e.g. @node-llama-cpp/win-x64), so that `npm ci` accepts the lock. Usage, after `npm install`:
#   for each "Missing: NAME@" that `npm ci` reports: python3 .ci/lock-stubs.py package-lock.json NAME...
# The stubs carry os/cpu fields, so npm never fetches them on this platform.
import json,sys,re
lockfile=sys.argv[1]; missing=sys.argv[2:]
lock=json.load(open(lockfile))
pk=lock['packages']
def find_range(name):
    for k,v in pk.items():
        for f in ('optionalDependencies','dependencies'):
            r=v.get(f,{}).get(name)
            if r: return r
for name in missing:
    rng=find_range(name) or '0.0.0'
    ver=re.sub(r'^[~^>=<\s]+','',rng).split(' ')[0]
    base=name.split('/')[-1]
    if 'win' in base: os_=['win32']
    elif 'mac' in base or 'darwin' in base or name=='fsevents': os_=['darwin']
    else: os_=['linux']
    cpu=['riscv64'] if 'riscv' in base else (['arm64'] if 'arm64' in base else ['x64'])
    entry={"version":ver,"license":"MIT","optional":True,"os":os_}
    if name.startswith('@node-llama-cpp'): entry["cpu"]=cpu; entry["engines"]={"node":">=20.0.0"}
    pk['node_modules/'+name]=entry
    print('stub',name,ver,os_)
lock['packages']=dict(sorted(pk.items(), key=lambda kv: (kv[0]!='', kv[0])))
json.dump(lock,open(lockfile,'w'),indent=2); open(lockfile,'a').write('\n')
