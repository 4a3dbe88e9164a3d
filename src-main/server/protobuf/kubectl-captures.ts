// Request bodies captured from the real kubectl 1.32 (`kubectl <args> -v=10` prints each request body as a hex
// dump; these are those bytes, base64) against a Skiff that still answered 415. The JSON that the same
// commands print with `--dry-run=client -o json` is what the decoder tests expect.
// podCopy is `kubectl debug rich --copy-to=rich-copy --set-image=app=skiff-test/web:v1` of a pod made from a
// manifest with probes, env and volume references (inline Go fields), resources and volumes.

export const kubectlBodies = {
  /** kubectl create namespace team-a */
  namespace: 'azhzAAoPCgJ2MRIJTmFtZXNwYWNlEh4KFgoGdGVhbS1hEgAaACIAKgAyADgAQgASABoCCgAaACIA',
  /** kubectl create configmap settings --from-literal=mode=fast --from-literal=empty= */
  configMap:
    'azhzAAoPCgJ2MRIJQ29uZmlnTWFwEjMKGAoIc2V0dGluZ3MSABoAIgAqADIAOABCABIJCgVlbXB0eRIAEgwKBG1vZGUSBGZh' +
    'c3QaACIA',
  /** kubectl create secret generic db --from-literal=password=hunter2 */
  secret: 'azhzAAoMCgJ2MRIGU2VjcmV0EisKEgoCZGISABoAIgAqADIAOABCABITCghwYXNzd29yZBIHaHVudGVyMhoAGgAiAA==',
  /** kubectl create deployment web --image=skiff-test/web:v1 --replicas=2 --port=8080 */
  deployment:
    'azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EsMBCh8KA3dlYhIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEpEBCAISDAoK' +
    'CgNhcHASA3dlYhp3ChwKABIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViElcSOQoDd2ViEhFza2lmZi10ZXN0L3dlYjp2MSoA' +
    'MgsKABAAGJA/IgAqAEIAagByAIABAIgBAJABAKIBABoAMgBCAEoAUgBYAGAAaACCAQCKAQCaAQDCAQAiAgoAKAA4ABoMCAAQ' +
    'ABgAIAAoADgAGgAiAA==',
  /** kubectl create deployment zero --image=skiff-test/web:v1 --replicas=0 */
  deploymentOfZero:
    'azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EroBCiEKBHplcm8SABoAIgAqADIAOABCAFoLCgNhcHASBHplcm8ShgEIABIN' +
    'CgsKA2FwcBIEemVybxprCh0KABIAGgAiACoAMgA4AEIAWgsKA2FwcBIEemVybxJKEiwKA3dlYhIRc2tpZmYtdGVzdC93ZWI6' +
    'djEqAEIAagByAIABAIgBAJABAKIBABoAMgBCAEoAUgBYAGAAaACCAQCKAQCaAQDCAQAiAgoAKAA4ABoMCAAQABgAIAAoADgA' +
    'GgAiAA==',
  /** kubectl create service clusterip web --tcp=80:8080 */
  serviceClusterIp:
    'azhzAAoNCgJ2MRIHU2VydmljZRJpCh8KA3dlYhIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEkIKGwoHODAtODA4MBIDVENQ' +
    'GFAiBwgAEJA/GgAoABIKCgNhcHASA3dlYhoAIglDbHVzdGVySVA6AEIAUgBaAGAAaAAaAgoAGgAiAA==',
  /** kubectl create service nodeport web-np --tcp=80:8080 --node-port=30080 */
  serviceNodePort:
    'azhzAAoNCgJ2MRIHU2VydmljZRJzCiUKBndlYi1ucBIAGgAiACoAMgA4AEIAWg0KA2FwcBIGd2ViLW5wEkYKHQoHODAtODA4' +
    'MBIDVENQGFAiBwgAEJA/GgAogOsBEg0KA2FwcBIGd2ViLW5wGgAiCE5vZGVQb3J0OgBCAFIAWgBgAGgAGgIKABoAIgA=',
  /** kubectl autoscale deployment web --cpu-percent=50 --min=1 --max=4 */
  autoscale:
    'azhzAAopCg5hdXRvc2NhbGluZy92MRIXSG9yaXpvbnRhbFBvZEF1dG9zY2FsZXISPwoTCgN3ZWISABoAIgAqADIAOABCABIi' +
    'ChoKCkRlcGxveW1lbnQSA3dlYhoHYXBwcy92MRABGAQgMhoEGAAgABoAIgA=',
  /** kubectl create ingress web --rule=web.example.com/*=web:80 */
  ingress:
    'azhzAAofChRuZXR3b3JraW5nLms4cy5pby92MRIHSW5ncmVzcxJOChMKA3dlYhIAGgAiACoAMgA4AEIAEjMaMQoPd2ViLmV4' +
    'YW1wbGUuY29tEh4KHAoaCgEvEg0iCwoDd2ViEgQKABBQGgZQcmVmaXgaAgoAGgAiAA==',
  /** kubectl debug rich --copy-to=rich-copy --set-image=app=skiff-test/web:v1 */
  podCopy:
    'azhzAAoJCgJ2MRIDUG9kEt0OCocKCglyaWNoLWNvcHkSABoHZGVmYXVsdCIAKgAyADgAQgBaCwoDYXBwEgRyaWNoYsMJCjBr' +
    'dWJlY3RsLmt1YmVybmV0ZXMuaW8vbGFzdC1hcHBsaWVkLWNvbmZpZ3VyYXRpb24Sjgl7ImFwaVZlcnNpb24iOiJ2MSIsImtp' +
    'bmQiOiJQb2QiLCJtZXRhZGF0YSI6eyJhbm5vdGF0aW9ucyI6eyJub3RlIjoicHJvdG8gdGVzdCJ9LCJsYWJlbHMiOnsiYXBw' +
    'IjoicmljaCJ9LCJuYW1lIjoicmljaCIsIm5hbWVzcGFjZSI6ImRlZmF1bHQifSwic3BlYyI6eyJjb250YWluZXJzIjpbeyJh' +
    'cmdzIjpbIi0tcG9ydCIsIjgwODAiXSwiZW52IjpbeyJuYW1lIjoiTU9ERSIsInZhbHVlIjoiZmFzdCJ9LHsibmFtZSI6IlBB' +
    'U1NXT1JEIiwidmFsdWVGcm9tIjp7InNlY3JldEtleVJlZiI6eyJrZXkiOiJwYXNzd29yZCIsIm5hbWUiOiJkYiIsIm9wdGlv' +
    'bmFsIjpmYWxzZX19fSx7Im5hbWUiOiJTRVRUSU5HIiwidmFsdWVGcm9tIjp7ImNvbmZpZ01hcEtleVJlZiI6eyJrZXkiOiJt' +
    'b2RlIiwibmFtZSI6InNldHRpbmdzIn19fV0sImVudkZyb20iOlt7ImNvbmZpZ01hcFJlZiI6eyJuYW1lIjoic2V0dGluZ3Mi' +
    'fX1dLCJpbWFnZSI6InNraWZmLXRlc3Qvd2ViOnYxIiwibGl2ZW5lc3NQcm9iZSI6eyJpbml0aWFsRGVsYXlTZWNvbmRzIjox' +
    'LCJ0Y3BTb2NrZXQiOnsicG9ydCI6ODA4MH19LCJuYW1lIjoiYXBwIiwicG9ydHMiOlt7ImNvbnRhaW5lclBvcnQiOjgwODAs' +
    'Im5hbWUiOiJodHRwIn1dLCJyZWFkaW5lc3NQcm9iZSI6eyJodHRwR2V0Ijp7InBhdGgiOiIvaGVhbHRoeiIsInBvcnQiOiJo' +
    'dHRwIn0sInBlcmlvZFNlY29uZHMiOjJ9LCJyZXNvdXJjZXMiOnsibGltaXRzIjp7ImNwdSI6IjEiLCJtZW1vcnkiOiIxMjhN' +
    'aSJ9LCJyZXF1ZXN0cyI6eyJjcHUiOiIxMDBtIiwibWVtb3J5IjoiNjRNaSJ9fSwidm9sdW1lTW91bnRzIjpbeyJtb3VudFBh' +
    'dGgiOiIvZXRjL2NvbmZpZyIsIm5hbWUiOiJjb25maWciLCJyZWFkT25seSI6dHJ1ZX0seyJtb3VudFBhdGgiOiIvc2NyYXRj' +
    'aCIsIm5hbWUiOiJzY3JhdGNoIn1dfV0sInRlcm1pbmF0aW9uR3JhY2VQZXJpb2RTZWNvbmRzIjowLCJ2b2x1bWVzIjpbeyJj' +
    'b25maWdNYXAiOnsiZGVmYXVsdE1vZGUiOjQyMCwiaXRlbXMiOlt7ImtleSI6Im1vZGUiLCJwYXRoIjoibW9kZS50eHQifV0s' +
    'Im5hbWUiOiJzZXR0aW5ncyJ9LCJuYW1lIjoiY29uZmlnIn0seyJlbXB0eURpciI6eyJzaXplTGltaXQiOiIxME1pIn0sIm5h' +
    'bWUiOiJzY3JhdGNoIn0seyJuYW1lIjoiY3JlZHMiLCJzZWNyZXQiOnsic2VjcmV0TmFtZSI6ImRiIn19XX19CmISCgRub3Rl' +
    'Egpwcm90byB0ZXN0Er4ECi4KBmNvbmZpZxIkmgEhCgoKCHNldHRpbmdzEhAKBG1vZGUSCG1vZGUudHh0GKQDChcKB3NjcmF0' +
    'Y2gSDBIKCgASBgoEMTBNaQoPCgVjcmVkcxIGMgQKAmRiEpsDCgNhcHASEXNraWZmLXRlc3Qvd2ViOnYxIgYtLXBvcnQiBDgw' +
    'ODAqADISCgRodHRwEAAYkD8iA1RDUCoAOgwKBE1PREUSBGZhc3Q6IgoIUEFTU1dPUkQSABoUIhIKBAoCZGISCHBhc3N3b3Jk' +
    'GAA6IQoHU0VUVElORxIAGhQaEgoKCghzZXR0aW5ncxIEbW9kZUJACgoKA2NwdRIDCgExChEKBm1lbW9yeRIHCgUxMjhNaRIN' +
    'CgNjcHUSBgoEMTAwbRIQCgZtZW1vcnkSBgoENjRNaUobCgZjb25maWcQARoLL2V0Yy9jb25maWciADIAShkKB3NjcmF0Y2gQ' +
    'ABoIL3NjcmF0Y2giADIAUhkKDRoLCgcIABCQPxoAEgAQARgBIAooATADWiwKIBIeCggvaGVhbHRoehIKCAEQABoEaHR0cBoA' +
    'IgRIVFRQEAAYASACKAEwA2oUL2Rldi90ZXJtaW5hdGlvbi1sb2dyDElmTm90UHJlc2VudIABAIgBAJABAJoBEAoAEgwKCgoI' +
    'c2V0dGluZ3OiAQRGaWxlGgZBbHdheXMgADIMQ2x1c3RlckZpcnN0QgBKAFIAWABgAGgAcgCCAQCKAQCaARFkZWZhdWx0LXNj' +
    'aGVkdWxlcsIBAPABARoQCgAaACIAKgAyAEoAWgByABoAIgA=',
};

export const bytesOf = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'));
