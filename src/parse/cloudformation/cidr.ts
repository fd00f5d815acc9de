/**
 * `Fn::Cidr` for IPv4: `count` consecutive subnets of `cidrBits` host bits carved from `block`.
 * Undefined for IPv6 or arguments CloudFormation would reject (then the value stays unknown).
 */
export function cidrBlocks(block: string, count: number, cidrBits: number): string[] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(block.trim())
  if (!match || !Number.isInteger(count) || !Number.isInteger(cidrBits)) return undefined
  const octets = match.slice(1, 5).map(Number)
  const prefix = Number(match[5])
  const subnetPrefix = 32 - cidrBits
  if (octets.some((octet) => octet > 255) || prefix > 32 || count < 1 || count > 256 || cidrBits < 0 || subnetPrefix < prefix) return undefined
  if (count > 2 ** (subnetPrefix - prefix)) return undefined
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0)
  const network = address - (address % 2 ** (32 - prefix))
  return Array.from({ length: count }, (_, i) => `${dotted(network + i * 2 ** cidrBits)}/${subnetPrefix}`)
}

function dotted(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.')
}
